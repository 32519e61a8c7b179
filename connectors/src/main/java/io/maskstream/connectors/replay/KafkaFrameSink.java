package io.maskstream.connectors.replay;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends frame records to a Kafka topic, keyed by stream id (UTF-8), value = {@link FrameRecordCodec}
 * bytes. Several sinks may share one producer (one per process is enough).
 */
public final class KafkaFrameSink implements FrameSink {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaFrameSink(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * An idempotent producer ({@code enable.idempotence=true}, {@code acks=all}): retries never
     * duplicate or reorder a stream's frames.
     */
    public static Producer<String, byte[]> createProducer(String bootstrapServers, Map<String, String> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "maskstream-replay");
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(FrameRecord record) {
        rethrow();
        producer.send(new ProducerRecord<>(topic, record.streamId(), FrameRecordCodec.encode(record)),
                (metadata, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        rethrow();
    }

    @Override
    public long acked() {
        return acked.get();
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Kafka did not accept a frame record: " + e.getMessage(), e);
        }
    }
}
