package io.maskstream.connectors.kafka;

import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.MaskletFrame;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka sources and sinks. Sources read raw records (decoding and dead-lettering happen
 * downstream, in the job's keyed tracking function) with {@code isolation.level=read_committed} and commit
 * their offsets on checkpoints; sinks deliver as {@link KafkaOptions#DELIVERY_MODE} says (exactly-once: Kafka
 * transactions committed on checkpoints), the optional live copy of the masklets at least once.
 */
public final class MaskstreamKafka {
    private MaskstreamKafka() {}

    public static KafkaSource<RawFrameRecord> frameSource(KafkaSettings settings) {
        return source(settings, settings == null ? null : settings.framesTopic(), "frames",
                new RawFrameRecordDeserializationSchema());
    }

    public static KafkaSource<RawPromptRecord> promptSource(KafkaSettings settings) {
        return source(settings, settings == null ? null : settings.promptsTopic(), "prompts",
                new RawPromptRecordDeserializationSchema());
    }

    public static KafkaSink<MaskletFrame> maskletSink(KafkaSettings settings) {
        check(settings, settings == null ? null : settings.maskletsTopic(), KafkaOptions.MASKLETS_TOPIC.key());
        return sink(settings, new MaskletFrameSerializationSchema(settings.maskletsTopic()), "masklets",
                settings.deliveryMode());
    }

    /**
     * The at-least-once copy of the masklets ({@link KafkaOptions#MASKLETS_LIVE_TOPIC}), visible as soon as it is
     * written whatever the delivery mode; null when that topic is not set.
     */
    public static KafkaSink<MaskletFrame> maskletLiveSink(KafkaSettings settings) {
        Objects.requireNonNull(settings, "Kafka settings are missing (KafkaSettings.from(config))");
        if (settings.maskletsLiveTopic() == null) {
            return null;
        }
        check(settings, settings.maskletsLiveTopic(), KafkaOptions.MASKLETS_LIVE_TOPIC.key());
        return sink(settings, new MaskletFrameSerializationSchema(settings.maskletsLiveTopic()), "masklets-live",
                DeliveryMode.AT_LEAST_ONCE);
    }

    public static KafkaSink<DeadLetter> deadLetterSink(KafkaSettings settings) {
        check(settings, settings == null ? null : settings.deadLettersTopic(), KafkaOptions.DEAD_LETTERS_TOPIC.key());
        return sink(settings, new DeadLetterSerializationSchema(settings.deadLettersTopic()), "dead-letters",
                settings.deliveryMode());
    }

    private static <T> KafkaSource<T> source(
            KafkaSettings settings, String topic, String name, KafkaRecordDeserializationSchema<T> schema) {
        check(settings, topic, "kafka.topic." + name);
        KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
                .setProperties(settings.clientPropertiesAsProperties())
                .setBootstrapServers(settings.bootstrapServers())
                .setGroupId(settings.groupId())
                .setTopics(topic)
                .setClientIdPrefix(settings.groupId() + "-" + name)
                .setDeserializer(schema)
                .setStartingOffsets(switch (settings.startingOffsets()) {
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                    case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                });
        if (!settings.clientProperties().containsKey("isolation.level")) {
            // Producers of frames and prompts (replay, tools) may write transactionally.
            b.setProperty("isolation.level", "read_committed");
        }
        if (settings.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    private static <T> KafkaSink<T> sink(
            KafkaSettings settings, KafkaRecordSerializationSchema<T> schema, String name, DeliveryMode mode) {
        KafkaSinkBuilder<T> b = KafkaSink.<T>builder()
                .setKafkaProducerConfig(settings.clientPropertiesAsProperties())
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(mode.guarantee());
        if (!settings.clientProperties().containsKey("linger.ms")) {
            // A masklet frame is one record a frame: batching it with the next frame's saves nothing and the
            // client's default (5 ms since Kafka 4.0) would add to the latency of every frame.
            b.setProperty("linger.ms", "0");
        }
        if (mode == DeliveryMode.EXACTLY_ONCE) {
            b.setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
                    .setProperty("transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()));
        }
        return b.build();
    }

    /** The builders' sanity check, with a message that names what is missing. */
    private static void check(KafkaSettings settings, String topic, String topicKey) {
        Objects.requireNonNull(settings, "Kafka settings are missing (KafkaSettings.from(config))");
        if (settings.bootstrapServers() == null || settings.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException(KafkaOptions.BOOTSTRAP_SERVERS.key() + " is not set");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(topicKey + " is not set");
        }
    }
}
