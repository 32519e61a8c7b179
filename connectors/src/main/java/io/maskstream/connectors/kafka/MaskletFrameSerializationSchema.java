package io.maskstream.connectors.kafka;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link MaskletFrame} to the masklets topic: key = streamId (UTF-8), so one stream's
 * frames share a partition and stay in order; value = {@link MaskletFrameJson}. The Kafka timestamp
 * is left to the producer (a replay of old footage must not be deleted by retention at once).
 */
public final class MaskletFrameSerializationSchema implements KafkaRecordSerializationSchema<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public MaskletFrameSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(MaskletFrame frame, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, frame.streamId().getBytes(StandardCharsets.UTF_8), MaskletFrameJson.toJson(frame));
    }
}
