package io.maskstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void defaultsAreTheDocumentedTopicsAndOffsets() {
        KafkaSettings s = KafkaSettings.from(config(Map.of("kafka.bootstrap-servers", "localhost:9092")));
        assertThat(s.framesTopic()).isEqualTo("frames");
        assertThat(s.promptsTopic()).isEqualTo("prompts");
        assertThat(s.maskletsTopic()).isEqualTo("masklets");
        assertThat(s.deadLettersTopic()).isEqualTo("frames-dlq");
        assertThat(s.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(s.deliveryMode()).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(s.maskletsLiveTopic()).isNull();
        assertThat(s.bounded()).isFalse();
        assertThat(s.transactionTimeout()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(s.clientProperties()).isEmpty();
    }

    @Test
    void readsEveryOption() {
        KafkaSettings s = KafkaSettings.from(config(Map.ofEntries(
                Map.entry("kafka.bootstrap-servers", "a:1,b:2"),
                Map.entry("kafka.topic.frames", "f"),
                Map.entry("kafka.topic.prompts", "p"),
                Map.entry("kafka.topic.masklets", "m"),
                Map.entry("kafka.topic.masklets-live", "m-live"),
                Map.entry("kafka.topic.dead-letters", "d"),
                Map.entry("kafka.delivery-mode", "at-least-once"),
                Map.entry("kafka.group-id", "g"),
                Map.entry("kafka.transactional-id-prefix", "tx"),
                Map.entry("kafka.transaction-timeout", "5 min"),
                Map.entry("kafka.starting-offsets", "earliest"),
                Map.entry("kafka.bounded", "true"))));
        assertThat(s).isEqualTo(new KafkaSettings("a:1,b:2", "f", "p", "m", "m-live", "d", "g", "tx",
                DeliveryMode.AT_LEAST_ONCE, Duration.ofMinutes(5), StartingOffsets.EARLIEST, true, new java.util.TreeMap<>()));
    }

    @Test
    void passesClientPropertiesThroughWithoutThePrefix() {
        KafkaSettings s = KafkaSettings.from(config(Map.of(
                "kafka.bootstrap-servers", "localhost:9092",
                "kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.mechanism", "PLAIN")));
        assertThat(s.clientProperties())
                .containsExactly(Map.entry("sasl.mechanism", "PLAIN"), Map.entry("security.protocol", "SASL_SSL"));
        assertThat(s.clientPropertiesAsProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void namesAMissingBootstrapServer() {
        assertThatThrownBy(() -> KafkaSettings.from(new Configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka.bootstrap-servers is not set");
    }

    @Test
    void namesABlankTopic() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.topic.masklets", " "))))
                .hasMessage("kafka.topic.masklets is not set");
    }

    @Test
    void rejectsATransactionTimeoutAboveFifteenMinutes() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.transaction-timeout", "16 min"))))
                .hasMessageContaining("kafka.transaction-timeout");
    }

    @Test
    void rejectsAnUnknownStartingOffset() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.starting-offsets", "yesterday"))))
                .hasMessageContaining("kafka.starting-offsets");
    }

    @Test
    void rejectsAnUnknownDeliveryModeNamingTheKey() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.delivery-mode", "at-most-once"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kafka.delivery-mode: ")
                .hasMessageContaining("at-most-once");
    }

    @Test
    void rejectsALiveTopicThatIsAnotherTopic() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.topic.masklets-live", "masklets"))))
                .hasMessageStartingWith("kafka.topic.masklets-live must differ");
    }

    @Test
    void theLiveSinkExistsOnlyWhenItsTopicIsSet() {
        KafkaSettings s = KafkaSettings.defaults("localhost:9092");
        assertThat(MaskstreamKafka.maskletLiveSink(s)).isNull();
        assertThat(MaskstreamKafka.maskletLiveSink(s.withMaskletsLiveTopic("masklets-live"))).isNotNull();
    }

    @Test
    void rejectsAnOutputTopicThatIsAnInputTopic() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.topic.masklets", "frames"))))
                .hasMessageContaining("kafka.topic.masklets");
    }

    @Test
    void rejectsPassThroughOfPropertiesMaskstreamManages() {
        assertThatThrownBy(() -> KafkaSettings.from(config(Map.of(
                        "kafka.bootstrap-servers", "localhost:9092", "kafka.properties.transactional.id", "x"))))
                .hasMessageContaining("kafka.properties.transactional.id");
    }

    @Test
    void buildersBuildFromValidSettings() {
        KafkaSettings s = KafkaSettings.defaults("localhost:9092").withStartingOffsets(StartingOffsets.EARLIEST, true);
        assertThat(MaskstreamKafka.frameSource(s)).isNotNull();
        assertThat(MaskstreamKafka.promptSource(s)).isNotNull();
        assertThat(MaskstreamKafka.maskletSink(s)).isNotNull();
        assertThat(MaskstreamKafka.deadLetterSink(s)).isNotNull();
        assertThat(MaskstreamKafka.maskletSink(s.withDeliveryMode(DeliveryMode.AT_LEAST_ONCE))).isNotNull();
    }

    @Test
    void buildersNameMissingSettings() {
        assertThatThrownBy(() -> MaskstreamKafka.frameSource(null)).hasMessageContaining("KafkaSettings");
    }

    private static Configuration config(Map<String, String> m) {
        return Configuration.fromMap(m);
    }
}
