package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User prompts through the image decoder, and the tracker's determinism. */
class ReferencePromptTest {
    private static ModelBundle models;
    private static final List<Shape> SHAPES = List.of(
            Shape.disc("yellow", 80, 90, 22), Shape.rect("cyan", 220, 120, 30, 18), Shape.disc("yellow", 150, 190, 12));
    private static FrameFeatures frame;

    @BeforeAll
    static void open() {
        models = ReferenceModels.bundle(InferenceSettings.defaults());
        frame = models.tracker().encodeFrame(new SyntheticScene(31).render(SHAPES, 0));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void aBoxPromptSegmentsTheObjectInside() {
        for (int i = 0; i < SHAPES.size(); i++) {
            Mask truth = SyntheticScene.visible(SHAPES, i);
            Box b = truth.boundingBox();
            Mask m = models.tracker().segmentFromBox(frame, new Box(b.x1() - 3, b.y1() - 3, b.x2() + 3, b.y2() + 3));
            assertThat(m.iou(truth)).as("shape " + i).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void aPositivePointSegmentsTheObjectUnderIt() {
        Mask truth = SyntheticScene.visible(SHAPES, 0);
        Mask m = models.tracker().segmentFromPoints(frame, List.of(new float[] {80, 90}), List.of(true));
        assertThat(m.iou(truth)).isGreaterThanOrEqualTo(0.9);
        assertThat(m.intersectionArea(SyntheticScene.visible(SHAPES, 2))).isZero();
    }

    @Test
    void onlyNegativePointsSegmentNothing() {
        assertThat(models.tracker().segmentFromPoints(frame, List.of(new float[] {80, 90}), List.of(false)).isEmpty())
                .isTrue();
    }

    @Test
    void propagationIsBitIdenticalAcrossCalls() {
        MemoryFeatures m = models.tracker().encodeMemory(frame, SyntheticScene.visible(SHAPES, 1));
        FrameFeatures next = models.tracker().encodeFrame(new SyntheticScene(31).render(
                List.of(SHAPES.get(0), SHAPES.get(1).movedTo(223, 121), SHAPES.get(2)), 1));
        List<MemoryBankInput> banks = List.of(new MemoryBankInput(4, List.of(m), List.of(m)));
        List<MaskletPrediction> a = models.tracker().propagate(next, banks);
        List<MaskletPrediction> b = models.tracker().propagate(next, banks);
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).maskletId()).isEqualTo(4);
        assertThat(a.get(0).objectScore()).isGreaterThan(0.5f);
        assertThat(a.get(0).predictedIou()).isBetween(0f, 1f);
    }

    @Test
    void objectPointersAreAccepted() {
        MemoryFeatures m = models.tracker().encodeMemory(frame, SyntheticScene.visible(SHAPES, 1));
        List<MaskletPrediction> p = models.tracker().propagate(frame,
                List.of(new MemoryBankInput(1, List.of(m), List.of(), List.of(new float[6], new float[6]))));
        assertThat(p.get(0).mask().iou(SyntheticScene.visible(SHAPES, 1))).isGreaterThan(0.9);
    }
}
