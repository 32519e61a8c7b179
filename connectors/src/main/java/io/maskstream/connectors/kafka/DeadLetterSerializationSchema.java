package io.maskstream.connectors.kafka;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link DeadLetter}: key = streamId (UTF-8) when known, else null; value = {@link DeadLetterJson}. */
public final class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public DeadLetterSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        byte[] key = letter.streamId() == null ? null : letter.streamId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, key, DeadLetterJson.toJson(letter));
    }
}
