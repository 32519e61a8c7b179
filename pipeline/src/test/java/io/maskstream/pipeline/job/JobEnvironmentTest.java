package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.pipeline.config.MaskstreamConfig;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {
    @Test
    void aFrameRecordIsSentOnAtOnceNotAfterTheNetworkBufferTimeout() {
        Configuration flink = JobEnvironment.flinkConfiguration(MaskstreamConfig.load(null, List.of()));
        assertThat(flink.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ZERO);
        assertThat(flink.get(ExecutionOptions.BUFFER_TIMEOUT_ENABLED)).isTrue();
    }

    @Test
    void aBufferTimeoutPassedThroughToFlinkWins() {
        Configuration flink = JobEnvironment.flinkConfiguration(
                MaskstreamConfig.load(null, List.of("flink.execution.buffer-timeout.interval=50 ms")));
        assertThat(flink.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(50));
    }
}
