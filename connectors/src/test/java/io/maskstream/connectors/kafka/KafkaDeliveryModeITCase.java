package io.maskstream.connectors.kafka;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.RecordTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a consumer of the output topics sees in each {@link KafkaOptions#DELIVERY_MODE}, on a real broker and a
 * MiniCluster whose checkpoint interval is an hour, so that no checkpoint completes while the frames flow: at
 * least once, every reader sees the output at once; exactly once, a {@code read_committed} reader sees nothing
 * until a checkpoint (here the savepoint that stops the job) commits the transaction, while the live topic
 * beside it is readable at once.
 */
class KafkaDeliveryModeITCase {
    private static final int FRAMES = 20;
    private static final Duration NO_CHECKPOINT_WHILE_RUNNING = Duration.ofHours(1);
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .build());

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path tmp;

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
    void atLeastOnceOutputIsVisibleToReadCommittedReadersBeforeAnyCheckpoint() throws Exception {
        KafkaSettings settings = topics("alo-").withDeliveryMode(DeliveryMode.AT_LEAST_ONCE);
        JobClient job = start(settings);
        try {
            assertThat(readUntil(settings.maskletsTopic(), "read_committed", FRAMES))
                    .as("frames a read_committed reader sees before any checkpoint").hasSize(FRAMES);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void exactlyOnceOutputReachesReadCommittedReadersOnlyWhenACheckpointCommitsIt() throws Exception {
        KafkaSettings settings = topics("eo-");
        JobClient job = start(settings);
        assertThat(readUntil(settings.maskletsTopic(), "read_uncommitted", FRAMES))
                .as("frames written, in an open transaction").hasSize(FRAMES);
        assertThat(committedEndOffset(settings.maskletsTopic()))
                .as("end offset a read_committed reader sees before any checkpoint").isZero();

        job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        assertThat(readUntil(settings.maskletsTopic(), "read_committed", FRAMES))
                .as("frames a read_committed reader sees after the savepoint committed them").hasSize(FRAMES);
    }

    @Test
    void theLiveTopicIsReadableAtOnceBesideTheExactlyOnceRecord() throws Exception {
        KafkaSettings settings = topics("live-").withMaskletsLiveTopic("live-masklets-live");
        broker.createTopics(1, settings.maskletsLiveTopic());
        JobClient job = start(settings);
        try {
            assertThat(readUntil(settings.maskletsLiveTopic(), "read_committed", FRAMES))
                    .as("live frames a read_committed reader sees before any checkpoint").hasSize(FRAMES);
            assertThat(committedEndOffset(settings.maskletsTopic()))
                    .as("end offset of the exactly-once record topic meanwhile").isZero();
        } finally {
            job.cancel().get();
        }
    }

    /** Fresh topics named with {@code prefix}, the frames in them, and settings that read them from the start. */
    private static KafkaSettings topics(String prefix) {
        KafkaSettings settings = KafkaSettings.defaults(broker.bootstrapServers())
                .withTopics(prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq")
                .withStartingOffsets(StartingOffsets.EARLIEST, false)
                .withGroupId(prefix + System.nanoTime())
                .withTransactionalIdPrefix(prefix + System.nanoTime());
        broker.createTopics(1, settings.framesTopic(), settings.maskletsTopic());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int seq = 0; seq < FRAMES; seq++) {
                FrameRecord f = FrameRecord.frame("cam", seq, 0, 1_000L * seq, 16, 8, FrameEncoding.JPEG,
                        new byte[] {(byte) 0xFF, (byte) 0xD8});
                producer.send(new ProducerRecord<>(settings.framesTopic(), "cam".getBytes(StandardCharsets.UTF_8),
                        FrameRecordCodec.encode(f)));
            }
            producer.flush();
        }
        return settings;
    }

    /** Frames → one empty masklet frame each → the masklets sink (and the live sink when its topic is set). */
    private static JobClient start(KafkaSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(NO_CHECKPOINT_WHILE_RUNNING.toMillis());
        DataStream<MaskletFrame> masklets = env
                .fromSource(MaskstreamKafka.frameSource(settings), WatermarkStrategy.noWatermarks(), "frames")
                .process(new FrameDecodeFunction())
                .map(f -> new MaskletFrame(f.streamId(), f.seq(), f.captureTime(), f.captureTime(), f.width(),
                        f.height(), List.of()))
                .returns(RecordTypes.MASKLET_FRAME);
        masklets.sinkTo(MaskstreamKafka.maskletSink(settings));
        if (settings.maskletsLiveTopic() != null) {
            masklets.sinkTo(MaskstreamKafka.maskletLiveSink(settings));
        }
        JobClient job = env.executeAsync("delivery mode " + settings.deliveryMode());
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            Thread.sleep(50);
        }
        return job;
    }

    /**
     * The seqs a reader at {@code isolation} reads from {@code topic}, polling until it has {@code expected} or,
     * should they never come, for {@link #GIVE_UP} (a bound on a hang, not a speed requirement).
     */
    private static TreeSet<Long> readUntil(String topic, String isolation, int expected) {
        TreeSet<Long> seqs = new TreeSet<>();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = consumer(isolation)) {
            c.subscribe(List.of(topic));
            while (seqs.size() < expected && System.nanoTime() < giveUp) {
                c.poll(Duration.ofMillis(200)).forEach(r -> seqs.add(MaskletFrameJson.fromJson(r.value()).seq()));
            }
        }
        return seqs;
    }

    /** The end offset a {@code read_committed} reader sees (the last stable offset): open transactions hide it. */
    private static long committedEndOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer("read_committed")) {
            TopicPartition tp = new TopicPartition(topic, 0);
            Map<TopicPartition, Long> end = c.endOffsets(List.of(tp));
            return end.get(tp);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
