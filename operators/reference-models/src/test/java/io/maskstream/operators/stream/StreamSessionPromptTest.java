package io.maskstream.operators.stream;

import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.kit.reference.ReferenceKit;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.ConceptVocabulary;
import io.maskstream.operators.inference.DetectorRole;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Box and point prompts through a {@link StreamSession} with the reference models, on the "crossing"
 * scene (a red disc and a blue square moving towards each other): a prompt at a future seq, at the
 * seq of the next frame and without seq starts a masklet on the object under it, a prompt naming an
 * object refines that masklet, and a prompt that cannot be applied is rejected with its reason while
 * the stream goes on.
 */
class StreamSessionPromptTest {
    private static final String STREAM = "cam";
    private static final int FRAMES = 30;
    private static final int RED = 1;
    private static final int BLUE = 2;

    private static SyntheticScene scene;
    private static ModelKit models;
    private static TrackerSettings settings;

    @BeforeAll
    static void open() {
        scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
        Configuration conf = new Configuration();
        settings = TrackerOptions.from(conf);
        models = ReferenceKit.open(InferenceOptions.settings(conf));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void aBoxAtAFutureSeqStartsAMaskletOnThatFrameWithTheBoxedObject() throws Exception {
        Run run = new Run(List.of());
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(BLUE, 10), null, null, 10L));
        run.frames(0, FRAMES).finish();
        assertThat(run.rejections()).isEmpty();
        MaskletObject started = run.firstObject();
        assertThat(started.events()).contains(MaskletEvent.STARTED);
        assertThat(run.firstSeq()).isEqualTo(10);
        assertThat(started.concept()).isEqualTo("object");
        assertThat(run.mask(10, started.id()).iou(truth(BLUE, 10))).isGreaterThan(0.8);
        assertThat(run.mask(FRAMES - 1, started.id()).iou(truth(BLUE, FRAMES - 1))).isGreaterThan(0.5);
    }

    @Test
    void aBoxForTheNextFrameOfAFreshStreamStartsAMaskletOnFrameZero() throws Exception {
        Run run = new Run(List.of());
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 0), "red", null, 0L));
        run.frames(0, 12).finish();
        assertThat(run.rejections()).isEmpty();
        assertThat(run.firstSeq()).isZero();
        assertThat(run.firstObject().concept()).isEqualTo("red");
        assertThat(run.mask(0, run.firstObject().id()).iou(truth(RED, 0))).isGreaterThan(0.8);
    }

    @Test
    void aBoxAtTheSeqOfTheNextFrameMidStreamStartsAMaskletOnThatFrame() throws Exception {
        Run run = new Run(List.of()).frames(0, 10);
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 10), null, null, 10L));
        run.frames(10, 20).finish();
        assertThat(run.rejections()).isEmpty();
        assertThat(run.firstSeq()).isEqualTo(10);
        assertThat(run.mask(10, run.firstObject().id()).iou(truth(RED, 10))).isGreaterThan(0.8);
    }

    @Test
    void aBoxWithoutSeqStartsAMaskletOnTheNextFrame() throws Exception {
        Run run = new Run(List.of()).frames(0, 10);
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(BLUE, 10), null, null, null));
        run.frames(10, 20).finish();
        assertThat(run.rejections()).isEmpty();
        assertThat(run.firstSeq()).isEqualTo(10);
        assertThat(run.mask(10, run.firstObject().id()).iou(truth(BLUE, 10))).isGreaterThan(0.8);
    }

    @Test
    void positiveAndNegativePointsStartAMaskletOnThePositiveObjectOnly() throws Exception {
        Run run = new Run(List.of());
        run.runner.prompt(PromptCommand.addPoints(STREAM,
                List.of(centre(RED, 5, true), centre(BLUE, 5, false)), null, 5L));
        run.frames(0, 20).finish();
        assertThat(run.rejections()).isEmpty();
        assertThat(run.firstSeq()).isEqualTo(5);
        Mask mask = run.mask(5, run.firstObject().id());
        assertThat(mask.iou(truth(RED, 5))).isGreaterThan(0.8);
        assertThat(mask.intersectionArea(truth(BLUE, 5))).isZero();
    }

    @Test
    void aBoxNamingALiveMaskletRefinesItInPlace() throws Exception {
        Run run = new Run(List.of("red")).frames(0, 10);
        List<Integer> before = run.liveIds();
        assertThat(before).hasSize(1);
        int red = before.get(0);
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 10), null, red, 10L));
        run.frames(10, 20);
        assertThat(run.runner.trackerState().masklets()).singleElement()
                .satisfies(m -> assertThat(m.prompted()).as("exempt from the detector's rules").isTrue());
        run.finish();
        assertThat(run.rejections()).isEmpty();
        assertThat(run.ids()).containsExactly(red);
        MaskletObject refined = run.object(10, red);
        assertThat(refined.score()).as("the prompt's mask is the output of its frame").isEqualTo(1f);
        assertThat(run.mask(10, red).iou(truth(RED, 10))).isGreaterThan(0.8);
    }

    @Test
    void promptsThatCannotBeAppliedAreRejectedWithTheirReasonAndTheStreamGoesOn() throws Exception {
        Run run = new Run(List.of()).frames(0, 10);
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 3), null, null, 3L));
        run.runner.prompt(PromptCommand.addBox(STREAM, new Box(300, 200, 400, 260), null, null, 11L));
        run.runner.prompt(PromptCommand.addPoints(STREAM, List.of(new PromptPoint(-1, 5, true)), null, 12L));
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 13), null, 42, 13L));
        run.runner.prompt(PromptCommand.addPoints(STREAM, List.of(centre(RED, 14, false)), null, 14L));
        run.runner.prompt(PromptCommand.addConcept(STREAM, "person", null));
        run.frames(10, 20).finish();
        assertThat(run.runner.rejectionMessages()).satisfiesExactly(
                m -> assertThat(m).startsWith("late-seq: add-box for frame 3 arrived after that frame was processed"),
                m -> assertThat(m).startsWith("unknown-concept: concept 'person'"),
                m -> assertThat(m).startsWith("box-outside-frame: box").contains("frame 11"),
                m -> assertThat(m).startsWith("box-outside-frame: point (-1.0, 5.0)"),
                m -> assertThat(m).isEqualTo("unknown-object: no live object 42 to refine on cam frame 13"),
                m -> assertThat(m).startsWith("bad-prompt: the model selects no pixels for the points"));
        assertThat(run.out).extracting(MaskletFrame::seq).hasSize(20);
        assertThat(run.ids()).isEmpty();
    }

    @Test
    void promptsStillWaitingForTheirFrameWhenTheStreamEndsAreRejected() throws Exception {
        Run run = new Run(List.of());
        run.runner.prompt(PromptCommand.addBox(STREAM, boxAround(RED, 0), null, null, 100L));
        run.runner.prompt(PromptCommand.addConcept(STREAM, "blue", 50L));
        run.frames(0, 10).finish();
        assertThat(run.rejections()).containsExactly(
                "stream-ended: cam ended at frame 10, before frame 100",
                "stream-ended: cam ended at frame 10, before frame 50");
    }

    // ------------------------------------------------------------------------------------------

    private static Mask truth(int objectId, int frame) {
        return scene.visibleMask(objectId, frame);
    }

    /** The object's bounding box, 3 pixels larger, as a user would draw it. */
    private static Box boxAround(int objectId, int frame) {
        return scene.boxAround(objectId, frame, 3);
    }

    private static PromptPoint centre(int objectId, int frame, boolean positive) {
        Box b = truth(objectId, frame).boundingBox();
        return new PromptPoint((b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, positive);
    }

    @Test
    void anInstructionNamesTheObjectsItSelectsFromItsSeqOn() throws Exception {
        Run run = new Run(List.of("red", "blue"));
        run.runner.prompt(PromptCommand.addInstruction(STREAM, "the topmost object", "top", 5L));
        run.frames(0, 20).finish();
        assertThat(run.rejections()).isEmpty();
        for (MaskletFrame f : run.out) {
            List<String> concepts = f.objects().stream().filter(o -> o.instructions().contains("top"))
                    .map(MaskletObject::concept).toList();
            assertThat(concepts).as("frame " + f.seq()).isEqualTo(f.seq() < 5 ? List.of() : List.of("red"));
        }
    }

    @Test
    void withoutInstructionsNoObjectListsAny() throws Exception {
        Run run = new Run(List.of("red", "blue"));
        run.frames(0, 10).finish();
        assertThat(run.out).allSatisfy(f -> assertThat(f.objects()).allSatisfy(o -> assertThat(o.instructions()).isEmpty()));
        assertThat(run.runner.instructionState()).isNull();
    }

    @Test
    void anInstructionThatDoesNotParseIsRejectedOnArrivalNamingThePositionAndTheStreamGoesOn() throws Exception {
        Run run = new Run(List.of("red"));
        run.runner.prompt(PromptCommand.addInstruction(STREAM, "the red ball moving fast", null, null));
        run.frames(0, 10).finish();
        assertThat(run.rejections()).containsExactly("bad-instruction: instruction 'the red ball moving fast': "
                + "at character 21: expected a direction (left, right, up, down) after 'moving', found 'fast'");
        assertThat(run.out).hasSize(10);
    }

    @Test
    void removingAnInstructionTheStreamDoesNotHaveIsRejectedAtItsFrame() throws Exception {
        Run run = new Run(List.of("red"));
        run.runner.prompt(PromptCommand.removeInstruction(STREAM, "left", 3L));
        run.frames(0, 10).finish();
        assertThat(run.rejections()).containsExactly("bad-instruction: no instruction named 'left' on cam");
    }

    @Test
    void aRemovedInstructionNamesNoObjectFromItsSeqOn() throws Exception {
        Run run = new Run(List.of("red", "blue"));
        run.runner.prompt(PromptCommand.addInstruction(STREAM, "red objects", null, 0L));
        run.runner.prompt(PromptCommand.removeInstruction(STREAM, "red objects", 12L));
        run.frames(0, 20).finish();
        for (MaskletFrame f : run.out) {
            boolean named = f.objects().stream().anyMatch(o -> o.instructions().contains("red objects"));
            assertThat(named).as("frame " + f.seq()).isEqualTo(f.seq() < 12);
        }
        assertThat(run.runner.instructionState()).isNull();
    }

    @Test
    void anImageOnlyExemplarStartsAMaskletOfItsConceptAndClearingItFromTheNextFrameUndoesIt() throws Exception {
        Run kept = new Run(List.of());
        kept.runner.prompt(PromptCommand.addExemplar(STREAM, boxAround(BLUE, 2), true, null, 2L));
        kept.frames(0, FRAMES).finish();
        assertThat(kept.rejections()).isEmpty();
        assertThat(kept.firstSeq()).isEqualTo(2);
        assertThat(kept.firstObject().concept()).isEqualTo("image:1");
        assertThat(kept.mask(FRAMES - 1, kept.firstObject().id()).iou(truth(BLUE, FRAMES - 1))).isGreaterThan(0.5);

        Run cleared = new Run(List.of());
        cleared.runner.prompt(PromptCommand.addExemplar(STREAM, boxAround(BLUE, 2), true, null, 2L));
        cleared.runner.prompt(PromptCommand.clearExemplars(STREAM, null, 3L));
        cleared.frames(0, FRAMES).finish();
        // detected on frame 2 only, the young masklet is removed as unconfirmed and never released
        assertThat(cleared.ids()).isEmpty();
    }

    @Test
    void anExemplarOverTheBackgroundIsABadPromptAndTheStreamGoesOn() throws Exception {
        Run run = new Run(List.of("red"));
        run.runner.prompt(PromptCommand.addExemplar(STREAM, new Box(150, 5, 170, 25), true, null, 4L));
        run.frames(0, 12).finish();
        assertThat(run.runner.rejections()).containsExactly("bad-prompt");
        assertThat(run.rejections().get(0)).contains("no detection of a known concept lies under the exemplar box");
        assertThat(run.ids()).hasSize(1);
    }

    @Test
    void anExemplarForADetectorThatCannotUseThemIsRejectedOnArrivalSayingSo() throws Exception {
        DetectorRole textOnly = new DetectorRole() {
            @Override
            public boolean batchesFrames() {
                return false;
            }

            @Override
            public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts) {
                return models.detector().detect(frame, concepts);
            }

            @Override
            public List<List<Detection>> detect(List<Request> requests) {
                return models.detector().detect(requests);
            }
        };
        ModelKit kit = new ModelKit() {
            @Override
            public ConceptVocabulary conceptEncoder() {
                return models.conceptEncoder();
            }

            @Override
            public DetectorRole detector() {
                return textOnly;
            }

            @Override
            public TrackerRole tracker() {
                return models.tracker();
            }

            @Override
            public String provider() {
                return "cpu";
            }

            @Override
            public void close() {}
        };
        LocalStreamRunner runner = new LocalStreamRunner(STREAM, new StreamProcessor(kit, settings), settings,
                List.of("red"));
        runner.prompt(PromptCommand.addExemplar(STREAM, boxAround(BLUE, 2), true, "red", 2L));
        assertThat(runner.rejections()).containsExactly("exemplars-unsupported");
        assertThat(runner.rejectionMessages().get(0)).contains("takes no image exemplars");
    }

    private static final class Run {
        final LocalStreamRunner runner;
        final List<MaskletFrame> out = new ArrayList<>();

        Run(List<String> concepts) {
            runner = new LocalStreamRunner(STREAM, new StreamProcessor(models, settings), settings, concepts);
        }

        Run frames(int from, int to) throws Exception {
            for (int i = from; i < to; i++) {
                runner.process(FrameRecord.frame(STREAM, i, 0, 1_700_000_000_000L + i * 33L, scene.width(),
                        scene.height(), FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)), out::add);
            }
            return this;
        }

        Run finish() throws Exception {
            runner.finish(out::add);
            return this;
        }

        List<String> rejections() {
            return runner.rejectionMessages();
        }

        List<Integer> liveIds() {
            return runner.trackerState().masklets().stream().map(m -> m.id()).toList();
        }

        List<Integer> ids() {
            return out.stream().flatMap(f -> f.objects().stream()).map(MaskletObject::id).distinct().toList();
        }

        long firstSeq() {
            return out.stream().filter(f -> !f.objects().isEmpty()).findFirst().orElseThrow().seq();
        }

        MaskletObject firstObject() {
            return out.stream().filter(f -> !f.objects().isEmpty()).findFirst().orElseThrow().objects().get(0);
        }

        MaskletObject object(long seq, int id) {
            return out.stream().filter(f -> f.seq() == seq).flatMap(f -> f.objects().stream())
                    .filter(o -> o.id() == id).findFirst().orElseThrow(() -> new AssertionError(
                            "no masklet " + id + " on frame " + seq));
        }

        Mask mask(long seq, int id) {
            return object(seq, id).mask().toRle().decode();
        }
    }
}
