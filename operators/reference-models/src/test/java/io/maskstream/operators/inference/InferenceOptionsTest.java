package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class InferenceOptionsTest {
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

    @Test
    void poolThreadsDoNotSpinUnlessAsked() {
        Configuration conf = new Configuration();
        assertThat(InferenceOptions.settings(conf).allowSpinning()).isFalse();
        conf.set(InferenceOptions.ALLOW_SPINNING, true);
        assertThat(InferenceOptions.settings(conf).allowSpinning()).isTrue();
    }

    @Test
    void minusOneIntraOpThreadsMeansOnePerAvailableCore() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.INTRA_OP_THREADS, -1);
        assertThat(InferenceOptions.settings(conf).intraOpThreadCount())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(InferenceSettings.defaults().intraOpThreadCount()).isEqualTo(1);
    }

    @Test
    void rejectsThreadCountsThatMeanNothing() {
        assertThatThrownBy(() -> new InferenceSettings(Device.CPU, 0, 1, 0.5f))
                .hasMessageContaining("intra-op threads must be -1 (one per core) or positive: 0");
        assertThatThrownBy(() -> new InferenceSettings(Device.CPU, 1, 0, 0.5f))
                .hasMessageContaining("inter-op threads must be at least 1: 0");
    }


    @Test
    void theModelDirOptionIsHonoured() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_DIR, "/nonexistent/models");
        assertThatThrownBy(() -> ModelBundle.open(conf)).isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: not found in /nonexistent/models");
    }
}
