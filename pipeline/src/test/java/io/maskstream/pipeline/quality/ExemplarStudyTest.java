package io.maskstream.pipeline.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated annotator of {@link ExemplarStudy} on the "crossing" scene (a red disc, a blue square). */
class ExemplarStudyTest {
    private static final SyntheticScene SCENE = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(10));

    /** The concept's ground truth as the output: every frame right. */
    private static List<MaskletFrame> perfect(String concept) {
        List<MaskletFrame> out = new ArrayList<>();
        for (MaskletFrame f : SceneGroundTruth.maskletFrames(SCENE, SCENE.name())) {
            out.add(new MaskletFrame(f.streamId(), f.seq(), f.captureTime(), f.emitTime(), f.width(), f.height(),
                    f.objects().stream().filter(o -> o.concept().equals(concept)).toList()));
        }
        return out;
    }

    @Test
    void aMissedObjectGetsAPositiveExemplarOnItsBoxOnTheFirstFrameItIsMissed() {
        List<MaskletFrame> output = perfect("red");
        output.set(0, withObjects(output.get(0), List.of()));
        PromptCommand p = ExemplarStudy.nextExemplar(SCENE, "red", output, List.of(), "red");
        assertThat(p.positive()).isTrue();
        assertThat(p.seq()).isZero();
        assertThat(p.concept()).isEqualTo("red");
        assertThat(p.box()).isEqualTo(SCENE.groundTruth(0).stream().filter(g -> g.concept().equals("red"))
                .findFirst().orElseThrow().mask().boundingBox());
    }

    @Test
    void aFalsePositiveGetsANegativeExemplarOnItsBox() {
        List<MaskletFrame> output = perfect("red");
        Mask extra = Mask.rectangle(SCENE.height(), SCENE.width(), 10, 10, 30, 20);
        List<MaskletObject> objects = new ArrayList<>(output.get(3).objects());
        objects.add(new MaskletObject(9, "red", 0.9f, new float[] {10, 10, 20, 10}, RleMask.of(extra), List.of()));
        output.set(3, withObjects(output.get(3), objects));
        PromptCommand p = ExemplarStudy.nextExemplar(SCENE, "red", output, List.of(), null);
        assertThat(p.positive()).isFalse();
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.box()).isEqualTo(new Box(10, 10, 30, 20));
        assertThat(p.exemplarConcept()).isEqualTo("image:1");
    }

    @Test
    void anAnsweredErrorIsNotAskedAgainAndAPerfectOutputAsksNothing() {
        List<MaskletFrame> output = perfect("red");
        output.set(0, withObjects(output.get(0), List.of()));
        PromptCommand first = ExemplarStudy.nextExemplar(SCENE, "red", output, List.of(), "red");
        assertThat(ExemplarStudy.nextExemplar(SCENE, "red", output, List.of(first), "red")).isNull();
        assertThat(ExemplarStudy.nextExemplar(SCENE, "red", perfect("red"), List.of(), "red")).isNull();
    }

    private static MaskletFrame withObjects(MaskletFrame f, List<MaskletObject> objects) {
        return new MaskletFrame(f.streamId(), f.seq(), f.captureTime(), f.emitTime(), f.width(), f.height(), objects);
    }
}
