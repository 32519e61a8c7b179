package io.maskstream.connectors.kafka;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.tracking.MaskletEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.RecordTypes;
import io.maskstream.state.geometry.Mask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames and prompts in through {@link MaskstreamKafka#frameSource} and {@link MaskstreamKafka#promptSource},
 * masklet frames and dead letters out through
 * the exactly-once sinks, on a real broker and a MiniCluster, with one injected task failure: a
 * {@code read_committed} consumer sees every output record exactly once.
 */
class KafkaExactlyOnceITCase {
    private static final int STREAMS = 6;
    private static final int FRAMES_PER_STREAM = 100;
    private static final int BAD_FRAMES = 3;
    private static final int BAD_PROMPTS = 1;
    private static final int FAIL_NOT_BEFORE = 100;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static EmbeddedKafkaBroker broker;

    // The job runs in this JVM: a static flag makes the injected failure happen once.
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    static final AtomicInteger PROCESSED = new AtomicInteger();
    static final AtomicBoolean CHECKPOINT_COMPLETED = new AtomicBoolean();
    static final AtomicInteger DECODED_PROMPTS = new AtomicInteger();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(2, "frames", "prompts", "masklets", "frames-dlq");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyFrameComesOutExactlyOnceAndEveryBadRecordIsDeadLettered() throws Exception {
        Set<String> expected = produceFrames();
        producePrompts();
        KafkaSettings settings = KafkaSettings.defaults(broker.bootstrapServers())
                .withStartingOffsets(StartingOffsets.EARLIEST, true)
                .withGroupId("it-" + System.nanoTime())
                .withTransactionalIdPrefix("it-" + System.nanoTime());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        SingleOutputStreamOperator<FrameRecord> frames = env
                .fromSource(MaskstreamKafka.frameSource(settings), WatermarkStrategy.noWatermarks(), "frames")
                .process(new FrameDecodeFunction())
                .name("decode frames");
        SingleOutputStreamOperator<PromptCommand> prompts = env
                .fromSource(MaskstreamKafka.promptSource(settings), WatermarkStrategy.noWatermarks(), "prompts")
                .process(new PromptDecodeFunction())
                .name("decode prompts");
        prompts.map(p -> DECODED_PROMPTS.incrementAndGet()).sinkTo(new DiscardingSink<>());
        frames.getSideOutput(FrameDecodeFunction.DEAD_LETTERS)
                .union(prompts.getSideOutput(PromptDecodeFunction.DEAD_LETTERS))
                .sinkTo(MaskstreamKafka.deadLetterSink(settings))
                .name("dead letters");
        frames.map(new ToMaskletFrameFailingOnce())
                .returns(RecordTypes.MASKLET_FRAME)
                .sinkTo(MaskstreamKafka.maskletSink(settings))
                .name("masklets");
        env.execute("kafka exactly-once");

        assertThat(FAILED_ONCE).as("the failure was injected").isTrue();
        assertThat(DECODED_PROMPTS.get()).as("good prompts decoded (again after the restart)").isGreaterThanOrEqualTo(2);

        List<ConsumerRecord<byte[], byte[]>> out = readCommitted("masklets", expected.size());
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            MaskletFrame f = MaskletFrameJson.fromJson(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.streamId());
            seen.add(f.streamId() + "#" + f.seq());
        }
        assertThat(seen).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);

        List<ConsumerRecord<byte[], byte[]>> dlq = readCommitted("frames-dlq", BAD_FRAMES + BAD_PROMPTS);
        List<String> reasons = dlq.stream().map(r -> DeadLetterJson.fromJson(r.value()))
                .map(DeadLetter::reason).sorted().toList();
        assertThat(reasons).containsExactly("bad-magic", "bad-prompt", "key-mismatch", "truncated-header");
        DeadLetter badPrompt = dlq.stream().map(r -> DeadLetterJson.fromJson(r.value()))
                .filter(d -> d.reason().equals("bad-prompt")).findFirst().orElseThrow();
        assertThat(badPrompt.topic()).isEqualTo("prompts");
        assertThat(badPrompt.streamId()).isEqualTo("cam-2");
        assertThat(new String(badPrompt.value(), StandardCharsets.UTF_8)).contains("explode");
    }

    /**
     * Makes a masklet frame of each frame, slowly enough that checkpoints complete while frames flow,
     * and fails once, on the first frame after a completed checkpoint (so that committed and
     * uncommitted transactions both exist when the job restarts).
     */
    static final class ToMaskletFrameFailingOnce implements MapFunction<FrameRecord, MaskletFrame>, CheckpointListener {
        @Override
        public MaskletFrame map(FrameRecord f) throws InterruptedException {
            Thread.sleep(10);
            if (PROCESSED.incrementAndGet() >= FAIL_NOT_BEFORE && CHECKPOINT_COMPLETED.get()
                    && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + PROCESSED.get() + " frames");
            }
            Mask m = Mask.rectangle(f.height(), f.width(), (int) (f.seq() % 8), 2, (int) (f.seq() % 8) + 4, 6);
            MaskletObject o = new MaskletObject(1, "thing", 0.75f, m.boundingBox().toXywh(), RleMask.of(m),
                    f.seq() == 0 ? List.of(MaskletEvent.STARTED) : List.of());
            return new MaskletFrame(
                    f.streamId(), f.seq(), f.captureTime(), f.captureTime(), f.width(), f.height(), List.of(o));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINT_COMPLETED.set(true);
        }
    }

    private static Set<String> produceFrames() {
        Set<String> expected = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int seq = 0; seq < FRAMES_PER_STREAM; seq++) {
                for (int s = 0; s < STREAMS; s++) {
                    String id = "cam-" + s;
                    FrameRecord f = FrameRecord.frame(id, seq, 0, 1_000L * seq, 16, 8, FrameEncoding.JPEG,
                            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) seq});
                    producer.send(new ProducerRecord<>("frames", bytes(id), FrameRecordCodec.encode(f)));
                    expected.add(id + "#" + seq);
                }
            }
            byte[] good = FrameRecordCodec.encode(
                    FrameRecord.frame("cam-0", 999, 0, 0, 16, 8, FrameEncoding.JPEG, new byte[] {1}));
            byte[] badMagic = good.clone();
            badMagic[0] = 'X';
            producer.send(new ProducerRecord<>("frames", bytes("cam-0"), badMagic));
            producer.send(new ProducerRecord<>("frames", bytes("cam-1"), new byte[] {1, 2, 3}));
            producer.send(new ProducerRecord<>("frames", bytes("cam-7"), good));
            producer.flush();
        }
        return expected;
    }

    private static void producePrompts() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>("prompts", bytes("cam-0"),
                    PromptCommandJson.encode(PromptCommand.setConcepts("cam-0", List.of("person"), null))));
            producer.send(new ProducerRecord<>("prompts", bytes("cam-1"),
                    PromptCommandJson.encode(PromptCommand.removeObject("cam-1", 3, 10L))));
            producer.send(new ProducerRecord<>("prompts", bytes("cam-2"),
                    bytes("{\"streamId\":\"cam-2\",\"action\":\"explode\"}")));
            producer.flush();
        }
    }

    private static Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int emptyPollsAfterExpected = 0;
            while (System.nanoTime() < deadline && emptyPollsAfterExpected < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                if (out.size() >= expected && records.isEmpty()) {
                    emptyPollsAfterExpected++; // keep polling a little: duplicates would show up here
                }
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
