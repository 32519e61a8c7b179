package io.maskstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.RecordRejectedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays into a real Kafka broker (in-process KRaft) and reads the topic back. */
class FrameReplayerITCase {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everySceneFrameArrivesOnceInOrderKeyedByStreamIdWithTheEndOfStreamLast() throws IOException {
        String topic = "frames-scene";
        broker.createTopics(3, topic);
        ReplayResult result;
        try (Producer<String, byte[]> producer = KafkaFrameSink.createProducer(broker.bootstrapServers(), Map.of());
                FrameSource source = FrameSources.open("scene:crossing?frames=40")) {
            result = new FrameReplayer(source, new KafkaFrameSink(producer, topic),
                    ReplaySettings.of("cam-1").withTopic(topic).withPacing(Pacing.max()), ReplayProgress.NONE).run();
        }
        assertThat(result).isEqualTo(new ReplayResult("cam-1", 40, 1, 41));

        List<ConsumerRecord<String, byte[]>> records = consume(topic, 41);
        assertThat(records).hasSize(41);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("cam-1"));
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        List<FrameRecord> frames = decode(records);
        assertThat(frames).extracting(FrameRecord::seq).containsExactlyElementsOf(seqs(41));
        assertThat(frames.get(40).kind()).isEqualTo(FrameRecordKind.END_OF_STREAM);
        assertThat(frames.subList(0, 40)).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FrameRecordKind.FRAME));
    }

    @Test
    void twoSourcesReplayAtOnceEachAsItsOwnStream() throws IOException {
        String topic = "frames-two";
        broker.createTopics(4, topic);
        List<ReplayResult> results;
        try (Producer<String, byte[]> producer = KafkaFrameSink.createProducer(broker.bootstrapServers(), Map.of());
                FrameSource a = FrameSources.open("scene:crowd?frames=25");
                FrameSource b = FrameSources.open("scene:fast?frames=30&size=160x120")) {
            ReplaySettings base = ReplaySettings.of("x").withTopic(topic).withPacing(Pacing.max());
            results = new ReplayGroup(List.of(
                    new FrameReplayer(a, new KafkaFrameSink(producer, topic), SourceSpec.of("a", "crowd").apply(base),
                            ReplayProgress.NONE),
                    new FrameReplayer(b, new KafkaFrameSink(producer, topic), SourceSpec.of("b", "fast").apply(base),
                            ReplayProgress.NONE)))
                    .run();
        }
        assertThat(results).containsExactly(new ReplayResult("crowd", 25, 1, 26), new ReplayResult("fast", 30, 1, 31));

        List<FrameRecord> all = decode(consume(topic, 57));
        assertThat(all).hasSize(57);
        for (String stream : List.of("crowd", "fast")) {
            List<FrameRecord> s = all.stream().filter(f -> f.streamId().equals(stream)).toList();
            int n = stream.equals("crowd") ? 26 : 31;
            assertThat(s).extracting(FrameRecord::seq).containsExactlyElementsOf(seqs(n));
            assertThat(s.get(n - 1).kind()).isEqualTo(FrameRecordKind.END_OF_STREAM);
        }
    }

    /** The committed excerpt of OpenCV's vtest.avi (samples/README.md); tests run in the module directory. */
    static final Path CLIP = Path.of("../samples/vtest-150.avi");

    @Test
    void theRealClipReplaysInFullAtMaximumSpeed() throws IOException {
        assertThat(CLIP).as("the committed sample clip").isRegularFile();
        String topic = "frames-vtest";
        broker.createTopics(1, topic);
        ReplayResult result;
        try (Producer<String, byte[]> producer = KafkaFrameSink.createProducer(broker.bootstrapServers(), Map.of());
                FrameSource source = FrameSources.open(CLIP.toString())) {
            assertThat(source.fps()).isEqualTo(10.0);
            result = new FrameReplayer(source, new KafkaFrameSink(producer, topic),
                    ReplaySettings.of("vtest").withTopic(topic).withPacing(Pacing.max()), ReplayProgress.NONE).run();
        }
        assertThat(result).isEqualTo(new ReplayResult("vtest", 150, 1, 151));
        List<FrameRecord> frames = decode(consume(topic, 151));
        assertThat(frames).hasSize(151);
        assertThat(frames).extracting(FrameRecord::seq).containsExactlyElementsOf(seqs(151));
        assertThat(frames.subList(0, 150)).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(768);
            assertThat(f.height()).isEqualTo(576);
        });
        assertThat(frames.get(150).kind()).isEqualTo(FrameRecordKind.END_OF_STREAM);
    }

    private static List<Long> seqs(int n) {
        List<Long> s = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    private static List<FrameRecord> decode(List<ConsumerRecord<String, byte[]>> records) {
        FrameRecordCodec codec = new FrameRecordCodec();
        List<FrameRecord> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.add(codec.decode(r.value()));
            } catch (RecordRejectedException e) {
                throw new AssertionError("undecodable record at offset " + r.offset(), e);
            }
        }
        return out;
    }

    /** Reads the topic from the start until {@code expected} records (and 1 s more) or 60 s. */
    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 1000; // catch duplicates, if any
                }
            }
        }
        return out;
    }
}
