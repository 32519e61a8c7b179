package io.maskstream.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaOptions;
import io.maskstream.operators.flink.StreamOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class LocalJobFileTest {
    @Test
    void theShippedLocalJobFileIsValidAndPointsAtTheLocalBroker() {
        Configuration conf = MaskstreamConfig.load(Path.of("..", "deploy", "local", "job.yaml"), List.of());

        MaskstreamConfig.validate(conf);
        assertThat(conf.get(KafkaOptions.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
        assertThat(conf.get(KafkaOptions.CREATE_TOPICS)).isTrue();
        assertThat(conf.get(StreamOptions.DEFAULT_CONCEPTS)).containsExactly("red", "blue");
    }
}
