package io.maskstream.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    private final JobConfig schema = new JobConfig(List.of(JobOptions.class));

    @Test
    void yamlNestedKeysAndOverridesAreApplied(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("job.yaml");
        Files.writeString(yaml, "job:\n  parallelism: 3\n  checkpoint-interval: 5 s\n");
        Configuration conf = schema.load(yaml, List.of("job.parallelism=4"));
        assertThat(conf.get(JobOptions.PARALLELISM)).isEqualTo(4);
        assertThat(conf.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unknownKeyFailsNamingTheKey() {
        assertThatThrownBy(() -> schema.load(null, List.of("job.paralelism=2")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'job.paralelism'")
                .hasMessageContaining("job.parallelism");
    }

    @Test
    void badValueFailsNamingTheKey() {
        assertThatThrownBy(() -> schema.load(null, List.of("job.parallelism=many")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'job.parallelism'")
                .hasMessageContaining("many");
    }

    @Test
    void passThroughPrefixesAreAccepted() {
        Configuration conf = schema.load(null, List.of("kafka.properties.security.protocol=SSL", "flink.taskmanager.numberOfTaskSlots=4"));
        assertThat(conf.getString("kafka.properties.security.protocol", null)).isEqualTo("SSL");
    }

    @Test
    void overrideWithoutEqualsSignFails() {
        assertThatThrownBy(() -> schema.load(null, List.of("job.parallelism")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void aDetectorMaxBatchBelowOneFailsValidationNamingTheKey() {
        Configuration conf = MaskstreamConfig.load(null, List.of("stream.detector-max-batch=0"));
        assertThatThrownBy(() -> MaskstreamConfig.validate(conf))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("stream.detector-max-batch")
                .hasMessageContaining("at least 1");
    }

    @Test
    void anUnknownDeliveryModeFailsAtLoadNamingTheKey() {
        assertThatThrownBy(() -> MaskstreamConfig.load(null, List.of("kafka.delivery-mode=sometimes")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'kafka.delivery-mode'")
                .hasMessageContaining("sometimes");
    }

    @Test
    void anExactlyOnceTransactionTimeoutNotAboveTheCheckpointIntervalFailsValidationNamingBothKeys() {
        Configuration conf = MaskstreamConfig.load(null, List.of("kafka.bootstrap-servers=localhost:9092",
                "job.checkpoint-interval=2 min", "kafka.transaction-timeout=1 min"));
        assertThatThrownBy(() -> MaskstreamConfig.validate(conf))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kafka.transaction-timeout")
                .hasMessageContaining("job.checkpoint-interval");
    }

    @Test
    void atLeastOnceNeedsNoTransactionTimeoutAboveTheCheckpointInterval() {
        Configuration conf = MaskstreamConfig.load(null, List.of("kafka.bootstrap-servers=localhost:9092",
                "kafka.delivery-mode=at-least-once", "job.checkpoint-interval=2 min", "kafka.transaction-timeout=1 min"));
        assertThatCode(() -> MaskstreamConfig.checkTransactionTimeout(
                io.maskstream.connectors.kafka.KafkaSettings.from(conf), conf.get(JobOptions.CHECKPOINT_INTERVAL)))
                .doesNotThrowAnyException();
    }
}
