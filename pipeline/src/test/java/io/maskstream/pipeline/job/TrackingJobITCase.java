package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.job.FailAfterCheckpointSink.Point;
import io.maskstream.pipeline.job.JobTestSupport.Recovery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster against a real Kafka broker, with the reference models. */
class TrackingJobITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = JobTestSupport.miniCluster();

    private static final Map<String, String> SCENES = Map.of("cam-a", "crossing", "cam-b", "distractor", "cam-c", "occlusion");
    private static final int FRAMES = 60;

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static List<FrameRecord> input;
    private static List<String> concepts;
    private static Map<String, List<String>> baseline;
    private static int run;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        List<List<FrameRecord>> streams = new ArrayList<>();
        for (var e : new TreeMap<>(SCENES).entrySet()) {
            streams.add(JobTestSupport.sceneRecords(e.getValue(), e.getKey(), FRAMES));
        }
        input = JobTestSupport.interleave(streams);
        concepts = List.of("red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyInputFrameYieldsExactlyOneMaskletFramePerStreamInSeqOrder() throws Exception {
        Map<String, List<String>> out = baseline();
        assertThat(out.keySet()).containsExactlyInAnyOrderElementsOf(SCENES.keySet());
        for (var e : out.entrySet()) {
            List<Long> seqs = e.getValue().stream().map(j -> frame(j).seq()).toList();
            assertThat(seqs).as(e.getKey()).isEqualTo(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        }
    }

    @Test
    void jobOutputEqualsTheStreamTrackerRunDirectly() throws Exception {
        Configuration conf = config("direct-", 1);
        Map<String, List<String>> direct = new TreeMap<>();
        try (ModelKit bundle = ModelKits.open(conf)) {
            for (String stream : SCENES.keySet()) {
                StreamProcessor processor = new StreamProcessor(bundle, TrackerOptions.from(conf));
                LocalStreamRunner runner = new LocalStreamRunner(stream, processor, TrackerOptions.from(conf), concepts);
                List<String> frames = new ArrayList<>();
                for (FrameRecord r : input) {
                    if (r.streamId().equals(stream)) {
                        runner.process(r, f -> frames.add(json(f)));
                    }
                }
                direct.put(stream, frames);
            }
        }
        assertThat(baseline()).isEqualTo(direct);
        // The scenes have objects: the tracker found and kept ids through them.
        assertThat(direct.get("cam-a").stream().map(j -> frame(j).objects().size()).max(Integer::compare).orElse(0))
                .isPositive();
    }

    @Test
    void twoRunsGiveByteIdenticalOutput() throws Exception {
        assertThat(runJob("again-", input, 2, List.of()).masklets).isEqualTo(baseline());
    }

    @Test
    void aFailureMidStreamIsRecoveredFromACheckpointWithOutputIdenticalToARunWithoutFailure() throws Exception {
        // Output seq s leaves the tracker only after input s + delay; up to FRAMES - delay - 6 the
        // failure hits while frames still flow, not in the end-of-stream flush.
        int lastSeq = FRAMES - TrackerOptions.CONFIRMATION_DELAY.defaultValue() - 6;
        Point point = new Point("cam-b", 10, lastSeq);
        FailAfterCheckpointSink.reset();
        JobRun withFailure = runJob("failure-", input, 2,
                List.of(new FailAfterCheckpointSink(JobTestSupport.restBase(MINI_CLUSTER), List.of(point))));
        assertThat(FailAfterCheckpointSink.FIRED).as("the failure was injected mid-stream after a checkpoint")
                .containsOnlyKeys(point);
        assertThat(JobTestSupport.recovery(JobTestSupport.restBase(MINI_CLUSTER), withFailure.jobId))
                .as("one restart, restored from a checkpoint").isEqualTo(new Recovery(1, 1));
        assertThat(withFailure.masklets).isEqualTo(baseline());
    }

    @Test
    void corruptAndOutOfOrderInputGoesToTheDeadLetterTopicAndValidFramesAreAllProcessed() throws Exception {
        List<FrameRecord> clean = JobTestSupport.sceneRecords("crossing", "cam-x", 20);
        List<byte[][]> records = new ArrayList<>();
        byte[] key = "cam-x".getBytes(StandardCharsets.UTF_8);
        for (FrameRecord r : clean) {
            if (r.seq() == 5) {
                records.add(new byte[][] {key, Arrays.copyOf(FrameRecordCodec.encode(r), 20)}); // truncated header
                continue;
            }
            records.add(new byte[][] {key, FrameRecordCodec.encode(r)});
            if (r.seq() == 8) {
                records.add(new byte[][] {key, FrameRecordCodec.encode(clean.get(3))}); // duplicate, late
            }
            if (r.seq() == 10) {
                byte[] jpeg = r.image();
                FrameRecord broken = FrameRecord.frame("cam-x", 11, 0, r.captureTime(), r.width(), r.height(),
                        r.encoding(), Arrays.copyOf(jpeg, jpeg.length / 2));
                records.add(new byte[][] {key, FrameRecordCodec.encode(broken)}); // truncated JPEG takes seq 11
            }
            if (r.seq() == 12) {
                records.add(new byte[][] {null, FrameRecordCodec.encode(r)}); // no key
            }
        }
        // the broken record took seq 11, so the real seq 11 that follows is a duplicate
        String prefix = "dlq-";
        broker.createTopics(1, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        JobTestSupport.produceRaw(broker.bootstrapServers(), prefix + "frames", records);
        JobRun r = execute(prefix, 1, List.of(), 18);
        List<String> reasons = JobTestSupport.readCommitted(broker.bootstrapServers(), prefix + "frames-dlq", 5,
                        Duration.ofSeconds(30)).stream()
                .map(c -> DeadLetterJson.fromJson(c.value()).reason())
                .toList();
        // seq 5's header, the late copy of seq 3, the broken JPEG (seq 11), the real seq 11 after it, the keyless seq 12
        assertThat(reasons).containsExactlyInAnyOrder(
                "truncated-header", "duplicate-seq", "undecodable-image", "duplicate-seq", "bad-stream-id");
        List<Long> seqs = r.masklets.get("cam-x").stream().map(j -> frame(j).seq()).toList();
        // every valid frame is processed: all but 5 (truncated header) and 11 (truncated JPEG)
        List<Long> expected = new ArrayList<>(java.util.stream.LongStream.range(0, 20).boxed().toList());
        expected.remove(Long.valueOf(5));
        expected.remove(Long.valueOf(11));
        assertThat(seqs).isEqualTo(expected);
    }

    private static synchronized Map<String, List<String>> baseline() throws Exception {
        if (baseline == null) {
            baseline = runJob("baseline-", input, 2, List.of()).masklets;
        }
        return baseline;
    }

    private record JobRun(String jobId, Map<String, List<String>> masklets) {}

    private static JobRun runJob(String prefix, List<FrameRecord> records, int parallelism, List<Sink<MaskletFrame>> extra)
            throws Exception {
        broker.createTopics(2, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames", records);
        int frames = (int) records.stream().filter(r -> !r.isMarker()).count();
        return execute(prefix, parallelism, extra, frames);
    }

    private static JobRun execute(String prefix, int parallelism, List<Sink<MaskletFrame>> extra, int expected)
            throws Exception {
        Configuration conf = config(prefix, parallelism);
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        sinks.addAll(extra);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        String jobId = env.execute(prefix + "job").getJobID().toHexString();
        List<ConsumerRecord<byte[], byte[]>> out = JobTestSupport.readCommitted(
                broker.bootstrapServers(), prefix + "masklets", expected, Duration.ofSeconds(30));
        Map<String, List<String>> byStream = out.stream().collect(Collectors.groupingBy(
                c -> new String(c.key(), StandardCharsets.UTF_8), TreeMap::new,
                Collectors.mapping(c -> new String(c.value(), StandardCharsets.UTF_8), Collectors.toList())));
        return new JobRun(jobId, byStream);
    }

    private static Configuration config(String prefix, int parallelism) {
        return JobTestSupport.jobConfig(broker.bootstrapServers(), prefix, concepts, parallelism);
    }

    private static String json(MaskletFrame f) {
        return new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8);
    }

    private static MaskletFrame frame(String json) {
        return MaskletFrameJson.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }
}
