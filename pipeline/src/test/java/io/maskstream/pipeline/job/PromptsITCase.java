package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Box and point prompts sent through the prompts topic to the running job (MiniCluster, embedded
 * Kafka broker, reference models) on six streams of the "crossing" scene (a red disc and a blue
 * square; "red" is the default concept, so the detector tracks the red disc): each prompt starts a
 * masklet, or refines the red one onto the blue square, on the frame it names, which the output
 * shows, and the job never fails —
 * it runs with {@code job.restart-attempts=0}, so a prompt that threw would end it at once.
 * Prompts that cannot be applied are dead letters with their reason.
 *
 * <p>The job is unbounded and fed in two halves so that "the current frame" is known: frames 0–11
 * of every stream, then — once every stream has released all but the frames the confirmation delay
 * holds, i.e. processed frame 11 — the prompts for frame 12 and without seq, then frames 12–39 (the
 * objects cross around frame 20). The prompts topic has one partition and
 * the job parallelism 1, so the operator has taken every prompt once the dead letter of the last
 * one (an unknown concept) is out.
 */
class PromptsITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = JobTestSupport.miniCluster();

    private static final String PREFIX = "prompts-it-";
    private static final int FRAMES = 40;
    /** The first frame of the second half: the "current" frame when the mid-stream prompts are sent. */
    private static final int NOW = 12;
    private static final int RED = 1;
    private static final int BLUE = 2;
    private static final List<String> STREAMS =
            List.of("box-future", "points-future", "box-now", "points-now", "box-no-seq", "points-no-seq");

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static SyntheticScene scene;
    private static Map<String, List<MaskletFrame>> output;
    private static List<DeadLetter> deadLetters;
    private static JobStatus statusAtTheEnd;
    private static int redMaskletOfBoxNow;
    private static int redMaskletOfPointsNoSeq;

    @BeforeAll
    static void runTheJob() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
        broker.createTopics(1, PREFIX + "frames", PREFIX + "prompts", PREFIX + "masklets", PREFIX + "frames-dlq");
        Configuration conf = JobTestSupport.jobConfig(broker.bootstrapServers(), PREFIX, List.of("red"), 1,
                List.of("kafka.bounded=false", "job.restart-attempts=0", "tracking.confirmation-delay=5"));
        KafkaSettings kafka = KafkaSettings.from(conf);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka),
                List.of(MaskstreamKafka.maskletSink(kafka)), MaskstreamKafka.deadLetterSink(kafka), conf).build(env);

        Map<String, List<FrameRecord>> records = new TreeMap<>();
        for (String s : STREAMS) {
            records.put(s, JobTestSupport.sceneRecords("crossing", s, FRAMES));
        }
        // Before any frame: prompts for a frame in the future.
        sendPrompts(List.of(
                PromptCommand.addBox("box-future", boxAround(BLUE, 8), null, null, 8L),
                PromptCommand.addPoints("points-future", List.of(point(BLUE, 8, true), point(RED, 8, false)), null, 8L)));
        JobClient job = env.executeAsync(PREFIX + "job");
        try {
            sendFrames(records, 0, NOW);
            // A stream that has processed frames 0..NOW-1 has released all but the last release-delay ones.
            int releasedBeforeNow = NOW - TrackerOptions.from(conf).releaseDelay();
            Map<String, List<MaskletFrame>> firstHalf = readMasklets(STREAMS.size() * releasedBeforeNow);
            redMaskletOfBoxNow = onlyMasklet(firstHalf.get("box-now"));
            redMaskletOfPointsNoSeq = onlyMasklet(firstHalf.get("points-no-seq"));
            // Every stream has processed frame NOW-1 and waits for frame NOW.
            sendPrompts(List.of(
                    PromptCommand.addBox("box-now", boxAround(BLUE, NOW), null, redMaskletOfBoxNow, (long) NOW),
                    PromptCommand.addPoints("points-now", List.of(point(BLUE, NOW, true)), null, (long) NOW),
                    PromptCommand.addBox("box-no-seq", boxAround(BLUE, NOW), null, null, null),
                    PromptCommand.addPoints("points-no-seq", List.of(point(BLUE, NOW, true), point(RED, NOW, false)),
                            redMaskletOfPointsNoSeq, null),
                    PromptCommand.addBox("box-future", boxAround(RED, 2), null, null, 2L),
                    PromptCommand.addBox("box-future", new Box(300, 200, 400, 260), null, null, NOW + 2L),
                    PromptCommand.addConcept("box-future", "person", null)));
            readDeadLetters(2); // late-seq and unknown-concept, on arrival: the operator has every prompt
            sendFrames(records, NOW, FRAMES + 1);
            output = readMasklets(STREAMS.size() * FRAMES);
            deadLetters = readDeadLetters(3);
            statusAtTheEnd = job.getJobStatus().get();
        } finally {
            cancelIfRunning(job);
        }
    }

    /** Cancels the job unless it has ended (a failed job takes its MiniCluster down with it). */
    private static void cancelIfRunning(JobClient job) throws Exception {
        try {
            job.cancel().get();
        } catch (IllegalStateException e) {
            // already ended: the assertions on its output and status say how
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theJobRanThroughEveryPromptWithoutFailingAndEmittedEveryFrame() {
        assertThat(statusAtTheEnd).isEqualTo(JobStatus.RUNNING);
        assertThat(output.keySet()).containsExactlyInAnyOrderElementsOf(STREAMS);
        for (String s : STREAMS) {
            assertThat(output.get(s)).as(s).extracting(MaskletFrame::seq)
                    .isEqualTo(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        }
    }

    @Test
    void aBoxForAFutureFrameStartsAMaskletOnThatFrameOverTheBoxedObject() {
        assertStartsOn("box-future", 8, BLUE);
    }

    @Test
    void positiveAndNegativePointsForAFutureFrameStartAMaskletOnThePositiveObjectOnly() {
        int id = assertStartsOn("points-future", 8, BLUE);
        assertThat(mask(object("points-future", 8, id)).intersectionArea(truth(RED, 8))).isZero();
    }

    @Test
    void aBoxForTheCurrentFrameNamingAMaskletRefinesItOnThatFrame() {
        assertMovedOn("box-now", redMaskletOfBoxNow, NOW);
    }

    @Test
    void aPointForTheCurrentFrameStartsAMaskletOnThatFrame() {
        assertStartsOn("points-now", NOW, BLUE);
    }

    @Test
    void aBoxWithoutSeqStartsAMaskletOnTheNextFrame() {
        assertStartsOn("box-no-seq", NOW, BLUE);
    }

    @Test
    void aPointWithoutSeqNamingAMaskletRefinesItOnTheNextFrame() {
        assertMovedOn("points-no-seq", redMaskletOfPointsNoSeq, NOW);
    }

    @Test
    void promptsThatCannotBeAppliedAreDeadLettersWithTheirReason() {
        assertThat(deadLetters).extracting(DeadLetter::reason)
                .containsExactly("late-seq", "unknown-concept", "box-outside-frame");
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.topic()).endsWith("prompts");
            assertThat(d.streamId()).isEqualTo("box-future");
        });
        assertThat(deadLetters.get(0).detail()).contains("add-box for frame 2 arrived after that frame was processed");
        assertThat(deadLetters.get(1).detail()).contains("'person'");
        assertThat(deadLetters.get(2).detail()).contains("is not inside the 320x240 frame on box-future frame " + (NOW + 2));
    }

    // ------------------------------------------------------------------------------------------

    /** One masklet of concept "object" (a prompt's) starts on {@code seq}, over {@code objectId}; its id. */
    private static int assertStartsOn(String stream, int seq, int objectId) {
        List<Map.Entry<Long, MaskletObject>> started = output.get(stream).stream()
                .flatMap(f -> f.objects().stream().map(o -> Map.entry(f.seq(), o)))
                .filter(e -> e.getValue().events().contains(MaskletEvent.STARTED))
                .filter(e -> e.getValue().concept().equals("object"))
                .toList();
        assertThat(started).as(stream + ": masklets started by the prompt").hasSize(1);
        assertThat(started.get(0).getKey()).as(stream + ": the prompted masklet's first frame").isEqualTo(seq);
        int id = started.get(0).getValue().id();
        assertThat(mask(object(stream, seq, id)).iou(truth(objectId, seq))).as(stream).isGreaterThan(0.8);
        assertThat(mask(object(stream, FRAMES - 1, id)).iou(truth(objectId, FRAMES - 1)))
                .as(stream + ": tracked to the end").isGreaterThan(0.5);
        return id;
    }

    /**
     * The detector's red masklet, refined on {@code seq} with a prompt on the blue square (a user
     * correcting what it follows): same id, on the red disc before, on the blue square from then on.
     */
    private static void assertMovedOn(String stream, int id, int seq) {
        assertThat(mask(object(stream, seq - 1, id)).iou(truth(RED, seq - 1))).isGreaterThan(0.8);
        MaskletObject refined = object(stream, seq, id);
        assertThat(refined.events()).doesNotContain(MaskletEvent.STARTED);
        assertThat(mask(refined).iou(truth(BLUE, seq))).as("the prompt is the output of its frame").isGreaterThan(0.8);
        assertThat(mask(object(stream, seq + 5, id)).iou(truth(BLUE, seq + 5))).isGreaterThan(0.5);
    }

    private static MaskletObject object(String stream, long seq, int id) {
        return output.get(stream).stream().filter(f -> f.seq() == seq).flatMap(f -> f.objects().stream())
                .filter(o -> o.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError(stream + ": no masklet " + id + " on frame " + seq));
    }

    private static int onlyMasklet(List<MaskletFrame> frames) {
        List<Integer> ids = frames.stream().flatMap(f -> f.objects().stream()).map(MaskletObject::id).distinct().toList();
        assertThat(ids).as("the detector's red masklet").hasSize(1);
        return ids.get(0);
    }

    private static Mask mask(MaskletObject o) {
        return o.mask().toRle().decode();
    }

    private static Mask truth(int objectId, int frame) {
        return scene.visibleMask(objectId, frame);
    }

    /** The object's bounding box, 3 pixels larger, as a user would draw it. */
    private static Box boxAround(int objectId, int frame) {
        return scene.boxAround(objectId, frame, 3);
    }

    private static PromptPoint point(int objectId, int frame, boolean positive) {
        Box b = truth(objectId, frame).boundingBox();
        return new PromptPoint((b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, positive);
    }

    private static void sendPrompts(List<PromptCommand> prompts) {
        JobTestSupport.produceRaw(broker.bootstrapServers(), PREFIX + "prompts", prompts.stream()
                .map(p -> new byte[][] {p.streamId().getBytes(StandardCharsets.UTF_8), PromptCommandJson.encode(p)})
                .toList());
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive) of every stream, interleaved. */
    private static void sendFrames(Map<String, List<FrameRecord>> records, int from, int to) {
        List<List<FrameRecord>> parts = new ArrayList<>();
        records.values().forEach(r -> parts.add(r.subList(from, to)));
        JobTestSupport.produce(broker.bootstrapServers(), PREFIX + "frames", JobTestSupport.interleave(parts));
    }

    private static Map<String, List<MaskletFrame>> readMasklets(int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = JobTestSupport.readCommitted(
                broker.bootstrapServers(), PREFIX + "masklets", expected, Duration.ofSeconds(60));
        assertThat(out).as("masklet frames").hasSize(expected);
        return out.stream().collect(Collectors.groupingBy(c -> new String(c.key(), StandardCharsets.UTF_8),
                TreeMap::new, Collectors.mapping(c -> MaskletFrameJson.fromJson(c.value()), Collectors.toList())));
    }

    private static List<DeadLetter> readDeadLetters(int expected) {
        List<DeadLetter> out = JobTestSupport.readCommitted(
                        broker.bootstrapServers(), PREFIX + "frames-dlq", expected, Duration.ofSeconds(60))
                .stream().map(c -> DeadLetterJson.fromJson(c.value())).toList();
        assertThat(out).as("dead letters").hasSize(expected);
        return out;
    }
}
