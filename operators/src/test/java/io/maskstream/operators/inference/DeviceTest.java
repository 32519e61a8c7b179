package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class DeviceTest {
    @Test
    void parsesEveryDeviceForm() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse("CUDA")).isEqualTo(new Device(Device.Kind.CUDA, 0));
        assertThat(Device.parse("cuda:2")).isEqualTo(new Device(Device.Kind.CUDA, 2));
        assertThat(Device.parse("auto").kind()).isEqualTo(Device.Kind.AUTO);
    }

    @Test
    void rejectsOtherDevices() {
        assertThatThrownBy(() -> Device.parse("gpu")).hasMessageContaining("model.device: 'gpu' is not one of");
        assertThatThrownBy(() -> Device.parse("cuda:x")).hasMessageContaining("'cuda:x'");
    }

    @Test
    void settingsComeFromFlinkConfiguration() {
        Configuration conf = new Configuration();
        assertThat(InferenceOptions.settings(conf)).isEqualTo(InferenceSettings.defaults());
        conf.set(InferenceOptions.DEVICE, "cuda:1");
        conf.set(InferenceOptions.INTRA_OP_THREADS, 2);
        InferenceSettings s = InferenceOptions.settings(conf);
        assertThat(s.device()).isEqualTo(new Device(Device.Kind.CUDA, 1));
        assertThat(s.intraOpThreads()).isEqualTo(2);
    }
}
