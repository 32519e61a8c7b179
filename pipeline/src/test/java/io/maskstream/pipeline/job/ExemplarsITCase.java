package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.stream.FrameDecoder;
import io.maskstream.operators.stream.FrameStore;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
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
 * Image exemplar prompts through the running job (MiniCluster, embedded Kafka broker), for both kits; the job
 * runs with {@code job.restart-attempts=0}, so a prompt that threw would end it.
 * <ul>
 *   <li>Reference models on the "crossing" scene (a red disc and a blue square; the default concept is "red"),
 *       one stream per case: no exemplar; a positive exemplar of "red" on the blue square at frame 10; a negative
 *       one on the red disc at frame 10; a positive exemplar without concept on the blue square at frame 10.</li>
 *   <li>The coco kit on the first 60 frames of samples/vtest-150.avi (default concept "person"): no exemplar; a
 *       negative exemplar of "person" on the most confident person at frame 20; and, on a stream whose concepts
 *       were cleared, a positive exemplar without concept on that person at frame 20.</li>
 * </ul>
 * Each part's last prompt names an unknown concept: its dead letter says the operator has taken every prompt
 * (one prompts partition, parallelism 1) before any frame is sent.
 */
class ExemplarsITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = JobTestSupport.miniCluster();

    private static final int FRAMES = 40;
    private static final int AT = 10;
    private static final int RED = 1;
    private static final int BLUE = 2;
    private static final List<String> REFERENCE_STREAMS = List.of("baseline", "positive", "negative", "image-only");

    private static final Path VIDEO = Path.of("../samples/vtest-150.avi"); // failsafe runs in the module directory
    private static final int COCO_FRAMES = 60;
    private static final int COCO_AT = 20;
    private static final List<String> COCO_STREAMS = List.of("coco-baseline", "coco-negative", "coco-image-only");

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static SyntheticScene scene;
    private static Map<String, List<MaskletFrame>> reference;
    private static Map<String, List<MaskletFrame>> coco;
    private static Box personBox;
    private static final List<JobStatus> statusAtTheEnd = new ArrayList<>();

    @BeforeAll
    static void runBothKits() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
        Map<String, List<FrameRecord>> records = new TreeMap<>();
        for (String s : REFERENCE_STREAMS) {
            records.put(s, JobTestSupport.sceneRecords("crossing", s, FRAMES));
        }
        reference = run("exemplars-ref-", List.of(), records, List.of(
                PromptCommand.addExemplar("positive", boxAround(BLUE, AT), true, "red", (long) AT),
                PromptCommand.addExemplar("negative", boxAround(RED, AT), false, "red", (long) AT),
                PromptCommand.addExemplar("image-only", boxAround(BLUE, AT), true, null, (long) AT),
                PromptCommand.addConcept("baseline", "person", null)));

        Map<String, List<FrameRecord>> video = new TreeMap<>();
        List<RgbImage> images = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(VIDEO.toString())) {
            for (RgbImage f = source.read(); f != null && images.size() < COCO_FRAMES; f = source.read()) {
                images.add(f);
            }
        }
        for (String s : COCO_STREAMS) {
            List<FrameRecord> r = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                RgbImage f = images.get(i);
                r.add(FrameRecord.frame(s, i, 0, 1_700_000_000_000L + i * 40L, f.width(), f.height(),
                        FrameEncoding.JPEG, Images.encodeJpeg(f, 90)));
            }
            r.add(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, s, images.size(), 0, 1_700_000_000_000L));
            video.put(s, r);
        }
        personBox = mostConfidentPerson(video.get("coco-negative").get(COCO_AT));
        coco = run("exemplars-coco-", List.of("model.kit=coco", "tracking.new-detection-threshold=0.5"), video,
                List.of(PromptCommand.addExemplar("coco-negative", personBox, false, "person", (long) COCO_AT),
                        PromptCommand.setConcepts("coco-image-only", List.of(), 0L),
                        PromptCommand.addExemplar("coco-image-only", personBox, true, null, (long) COCO_AT),
                        PromptCommand.addConcept("coco-baseline", "unicorn", null)));
    }

    /** The person the coco kit's detector is surest of on this frame, as the job decodes it. */
    private static Box mostConfidentPerson(FrameRecord frame) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("model.kit", "coco");
        try (ModelKit kit = ModelKits.open(conf)) {
            RgbImage image = FrameDecoder.decode(
                    new FrameStore.EncodedFrame(frame.width(), frame.height(), frame.encoding(), frame.image()));
            List<Detection> people = kit.detector().detect(image, List.of(kit.conceptEncoder().encode("person")));
            assertThat(people).isNotEmpty();
            return people.get(0).box();
        }
    }

    /** Runs one job over the streams after its prompts; its output per stream. */
    private static Map<String, List<MaskletFrame>> run(String prefix, List<String> settings,
            Map<String, List<FrameRecord>> records, List<PromptCommand> prompts) throws Exception {
        broker.createTopics(1, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        List<String> overrides = new ArrayList<>(List.of("kafka.bounded=false", "job.restart-attempts=0",
                "tracking.confirmation-delay=5"));
        overrides.addAll(settings);
        List<String> concepts = settings.isEmpty() ? List.of("red") : List.of("person");
        Configuration conf = JobTestSupport.jobConfig(broker.bootstrapServers(), prefix, concepts, 1, overrides);
        KafkaSettings kafka = KafkaSettings.from(conf);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka),
                List.of(MaskstreamKafka.maskletSink(kafka)), MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        JobClient job = env.executeAsync(prefix + "job");
        try {
            JobTestSupport.produceRaw(broker.bootstrapServers(), prefix + "prompts", prompts.stream()
                    .map(p -> new byte[][] {p.streamId().getBytes(StandardCharsets.UTF_8), PromptCommandJson.encode(p)})
                    .toList());
            List<DeadLetter> dead = JobTestSupport.readCommitted(broker.bootstrapServers(), prefix + "frames-dlq", 1,
                    Duration.ofSeconds(120)).stream().map(c -> DeadLetterJson.fromJson(c.value())).toList();
            assertThat(dead).extracting(DeadLetter::reason).containsExactly("unknown-concept");
            List<List<FrameRecord>> parts = new ArrayList<>(records.values());
            JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames", JobTestSupport.interleave(parts));
            int expected = records.size() * (records.values().iterator().next().size() - 1);
            List<ConsumerRecord<byte[], byte[]>> out = JobTestSupport.readCommitted(
                    broker.bootstrapServers(), prefix + "masklets", expected, Duration.ofSeconds(300));
            assertThat(out).as("masklet frames").hasSize(expected);
            // nothing but the unknown concept went to the dead letters
            assertThat(JobTestSupport.readCommitted(broker.bootstrapServers(), prefix + "frames-dlq", 2,
                    Duration.ofSeconds(2))).hasSize(1);
            statusAtTheEnd.add(job.getJobStatus().get());
            return out.stream().collect(Collectors.groupingBy(c -> new String(c.key(), StandardCharsets.UTF_8),
                    TreeMap::new, Collectors.mapping(c -> MaskletFrameJson.fromJson(c.value()), Collectors.toList())));
        } finally {
            try {
                job.cancel().get();
            } catch (IllegalStateException e) {
                // already ended: the status check says how
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bothJobsRanThroughEveryExemplarWithoutFailing() {
        assertThat(statusAtTheEnd).containsExactly(JobStatus.RUNNING, JobStatus.RUNNING);
    }

    @Test
    void aPositiveExemplarOfAnotherObjectStartsAMaskletOfItsConceptOverItOnItsFrame() {
        assertThat(masklets("baseline", "red")).hasSize(1);
        MaskletObject started = startedOver("positive", "red", BLUE);
        assertThat(started).isNotNull();
        assertThat(visibleOn("positive", AT - 1)).extracting(MaskletObject::concept).containsExactly("red");
    }

    @Test
    void aPositiveExemplarWithoutConceptStartsAMaskletOfTheImageOnlyConcept() {
        assertThat(startedOver("image-only", PromptCommand.DEFAULT_IMAGE_CONCEPT, BLUE)).isNotNull();
    }

    @Test
    void aNegativeExemplarTakesTheLookalikeDetectionsAwaySoTheirMaskletFades() {
        Mask redAtTheEnd = scene.visibleMask(RED, FRAMES - 1);
        assertThat(visibleOn("baseline", FRAMES - 1)).anySatisfy(o -> assertThat(mask(o).iou(redAtTheEnd)).isGreaterThan(0.8));
        assertThat(visibleOn("negative", AT - 1)).hasSize(1);
        assertThat(visibleOn("negative", FRAMES - 1)).isEmpty();
    }

    @Test
    void onRealVideoANegativeExemplarLeavesFewerPeopleAfterItsFrame() {
        assertThat(visibleAfter(coco.get("coco-negative"), 0, COCO_AT))
                .isEqualTo(visibleAfter(coco.get("coco-baseline"), 0, COCO_AT));
        assertThat(visibleAfter(coco.get("coco-negative"), COCO_AT + 10, COCO_FRAMES))
                .isLessThan(visibleAfter(coco.get("coco-baseline"), COCO_AT + 10, COCO_FRAMES));
    }

    @Test
    void onRealVideoAPositiveExemplarAloneFindsThePersonUnderItsBoxFromItsFrame() {
        List<MaskletFrame> frames = coco.get("coco-image-only");
        assertThat(visibleAfter(frames, 0, COCO_AT)).isZero();
        List<MaskletObject> onItsFrame = frames.get(COCO_AT).objects();
        assertThat(onItsFrame).anySatisfy(o -> {
            assertThat(o.concept()).isEqualTo(PromptCommand.DEFAULT_IMAGE_CONCEPT);
            assertThat(Box.fromXywh(o.box()[0], o.box()[1], o.box()[2], o.box()[3]).iou(personBox)).isGreaterThan(0.3);
        });
    }

    // ------------------------------------------------------------------------------------------

    /** The masklet of {@code concept} that starts on frame AT over the object; null if none. */
    private static MaskletObject startedOver(String stream, String concept, int objectId) {
        return reference.get(stream).get(AT).objects().stream()
                .filter(o -> o.events().contains(MaskletEvent.STARTED) && o.concept().equals(concept))
                .filter(o -> mask(o).iou(scene.visibleMask(objectId, AT)) > 0.8)
                .findFirst().orElse(null);
    }

    private static List<Integer> masklets(String stream, String concept) {
        return reference.get(stream).stream().flatMap(f -> f.objects().stream())
                .filter(o -> o.concept().equals(concept)).map(MaskletObject::id).distinct().toList();
    }

    private static List<MaskletObject> visibleOn(String stream, int seq) {
        return reference.get(stream).get(seq).objects().stream().filter(o -> !mask(o).isEmpty()).toList();
    }

    /** Objects with a mask on frames [from, to). */
    private static long visibleAfter(List<MaskletFrame> frames, int from, int to) {
        return frames.subList(from, to).stream().flatMap(f -> f.objects().stream())
                .filter(o -> o.box()[2] > 0 && o.box()[3] > 0).count();
    }

    private static Mask mask(MaskletObject o) {
        return o.mask().toRle().decode();
    }

    private static Box boxAround(int objectId, int frame) {
        return scene.boxAround(objectId, frame, 3);
    }
}
