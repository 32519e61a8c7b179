package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reference tracker propagates all masklets of a frame in one call, with the per-masklet results. */
class BatchedPropagationTest {
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange",
        "red", "blue"};
    private static ModelBundle models;
    private static FrameFeatures next;
    private static List<MemoryBankInput> banks;

    @BeforeAll
    static void open() {
        models = ReferenceModels.bundle(InferenceSettings.defaults());
        MaskletTracker tracker = models.tracker();
        SyntheticScene scene = new SyntheticScene(3);
        List<List<Shape>> frames = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<Shape> s = new ArrayList<>();
            for (int i = 0; i < COLOURS.length; i++) {
                s.add(Shape.disc(COLOURS[i], 35 + (i % 5) * 62 + 2 * t, 60 + (i / 5) * 120, 12));
            }
            frames.add(s);
        }
        List<FrameFeatures> features = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            features.add(tracker.encodeFrame(scene.renderJpeg(frames.get(t), t)));
        }
        next = tracker.encodeFrame(scene.renderJpeg(frames.get(7), 7));
        banks = new ArrayList<>();
        for (int i = 0; i < COLOURS.length; i++) {
            // Masklet i has i % 7 recent memories: banks of 1 to 7 memories in one batch.
            MemoryFeatures conditioning = tracker.encodeMemory(features.get(0), SyntheticScene.visible(frames.get(0), i));
            List<MemoryFeatures> recent = new ArrayList<>();
            for (int t = 7 - i % 7; t < 7; t++) {
                recent.add(tracker.encodeMemory(features.get(t), SyntheticScene.visible(frames.get(t), i)));
            }
            // and i % 4 object pointers of its own disc, of different ages
            List<float[]> pointers = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            for (int k = 0; k < i % 4; k++) {
                pointers.add(tracker.objectPointer(features.get(k), SyntheticScene.visible(frames.get(k), i)));
                offsets.add(7 - k);
            }
            banks.add(new MemoryBankInput(100 + i, List.of(conditioning), recent, pointers, offsets));
        }
        // Two masklets that lost their object far away (their memory never shows the discs of the batch):
        // their pointers are in play, so the pointer path is part of what must be batch-independent.
        List<Shape> elsewhere = List.of(Shape.disc("red", 290, 215, 12));
        FrameFeatures fe = tracker.encodeFrame(scene.renderJpeg(elsewhere, 9));
        MemoryFeatures lostMemory = tracker.encodeMemory(fe, SyntheticScene.visible(elsewhere, 0));
        float[] lostPointer = tracker.objectPointer(fe, SyntheticScene.visible(elsewhere, 0));
        banks.add(new MemoryBankInput(110, List.of(lostMemory), List.of(), List.of(lostPointer), List.of(20)));
        banks.add(new MemoryBankInput(111, List.of(lostMemory), List.of(lostMemory),
                List.of(lostPointer, lostPointer, lostPointer), List.of(30, 20, 10)));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void theReferenceManifestDeclaresABatchAxis() {
        assertThat(models.manifest().tracker().batchAxis()).isTrue();
    }

    @Test
    void oneBatchedCallGivesBitIdenticalPredictionsToOneCallPerMasklet() {
        List<MaskletPrediction> batched = models.tracker().propagate(next, banks);
        List<MaskletPrediction> looped = new ArrayList<>();
        for (MemoryBankInput bank : banks) {
            looped.addAll(models.tracker().propagate(next, List.of(bank)));
        }
        assertThat(batched).hasSize(banks.size());
        for (int i = 0; i < banks.size(); i++) {
            MaskletPrediction b = batched.get(i), l = looped.get(i);
            assertThat(b.maskletId()).isEqualTo(banks.get(i).maskletId());
            assertThat(b.mask()).isEqualTo(l.mask());
            assertThat(Float.floatToIntBits(b.objectScore())).isEqualTo(Float.floatToIntBits(l.objectScore()));
            assertThat(Float.floatToIntBits(b.predictedIou())).isEqualTo(Float.floatToIntBits(l.predictedIou()));
        }
        // And the batch really tracks: every masklet finds its disc.
        assertThat(batched).allSatisfy(p -> assertThat(p.mask().area()).isGreaterThan(300));
    }

    @Test
    void aBatchSizeCapSplitsTheCallWithoutChangingTheResults() {
        List<MaskletPrediction> all = models.tracker().propagate(next, banks);
        try (ModelBundle capped = ModelBundle.open(ReferenceModels.directory(),
                new InferenceSettings(Device.CPU, 1, 1, 0.5f, 3))) {
            assertThat(capped.tracker().propagate(next, banks)).isEqualTo(all);
        }
    }

    @Test
    void aMaskletsPredictionDoesNotDependOnTheOrderOfTheBatch() {
        List<MaskletPrediction> forward = models.tracker().propagate(next, banks);
        List<MemoryBankInput> reversed = new ArrayList<>(banks);
        java.util.Collections.reverse(reversed);
        List<MaskletPrediction> backward = new ArrayList<>(models.tracker().propagate(next, reversed));
        java.util.Collections.reverse(backward);
        assertThat(backward).isEqualTo(forward);
    }
}
