package io.maskstream.operators.inference;

import io.maskstream.kit.reference.ReferenceModels;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracker copies a frame's tensors into an input buffer once and reuses the copy while calls use
 * the same frame: results are those of fresh copies, whatever the order of frames and calls.
 */
class FrameTensorReuseTest {
    private static final String[] COLOURS = {"red", "green", "blue", "yellow"};

    @Test
    void aSlotReusedForTheSameArrayAndRefilledForAnotherHoldsTheRightValues() throws Exception {
        Tensors tensors = new Tensors();
        FloatTensor a = new FloatTensor(new float[] {1f, 2f, 3f}, new long[] {3});
        FloatTensor b = new FloatTensor(new float[] {4f, 5f, 6f}, new long[] {3});
        assertThat(values(tensors.floatTensor("slot", a))).containsExactly(1f, 2f, 3f);
        assertThat(values(tensors.floatTensor("slot", a))).containsExactly(1f, 2f, 3f);
        assertThat(values(tensors.floatTensor("slot", b))).containsExactly(4f, 5f, 6f);
        FloatBuffer overwritten = tensors.floatBuffer("slot", 3); // a caller writes other contents
        overwritten.put(new float[] {7f, 8f, 9f});
        assertThat(values(tensors.floatTensor("slot", b))).containsExactly(4f, 5f, 6f);
    }

    @Test
    void memoriesPointersAndPredictionsDoNotDependOnTheCallsBeforeThem() {
        SyntheticScene scene = new SyntheticScene(5);
        List<List<Shape>> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<Shape> s = new ArrayList<>();
            for (int i = 0; i < COLOURS.length; i++) {
                s.add(Shape.disc(COLOURS[i], 50 + i * 70 + 5 * t, 80 + 20 * t, 14));
            }
            frames.add(s);
        }
        try (ModelBundle interleaved = ReferenceModels.bundle(InferenceSettings.defaults());
             ModelBundle fresh = ReferenceModels.bundle(InferenceSettings.defaults())) {
            List<FrameFeatures> features = new ArrayList<>();
            for (int t = 0; t < frames.size(); t++) {
                features.add(interleaved.tracker().encodeFrame(scene.render(frames.get(t), t)));
            }
            // Frames 0, 1, 0, 2, 1: every switch of frame must refill the buffers, every repeat may reuse them.
            for (int t : new int[] {0, 1, 0, 2, 1}) {
                FrameFeatures f = features.get(t);
                MemoryBankInput bank = new MemoryBankInput(1,
                        List.of(interleaved.tracker().encodeMemory(features.get(0), mask(frames, 0, 0))), List.of());
                List<MaskletPrediction> predicted = interleaved.tracker().propagate(f, List.of(bank));
                for (int i = 0; i < COLOURS.length; i++) {
                    Mask m = mask(frames, t, i);
                    FrameFeatures own = fresh.tracker().encodeFrame(scene.render(frames.get(t), t));
                    assertThat(interleaved.tracker().encodeMemory(f, m))
                            .isEqualTo(fresh.tracker().encodeMemory(own, m));
                    assertThat(interleaved.tracker().objectPointer(f, m))
                            .isEqualTo(fresh.tracker().objectPointer(own, m));
                }
                FrameFeatures own = fresh.tracker().encodeFrame(scene.render(frames.get(t), t));
                MemoryBankInput freshBank = new MemoryBankInput(1, List.of(fresh.tracker().encodeMemory(
                        fresh.tracker().encodeFrame(scene.render(frames.get(0), 0)), mask(frames, 0, 0))), List.of());
                assertThat(predicted).isEqualTo(fresh.tracker().propagate(own, List.of(freshBank)));
            }
        }
    }

    private static Mask mask(List<List<Shape>> frames, int t, int i) {
        return SyntheticScene.visible(frames.get(t), i);
    }

    private static float[] values(OnnxTensor t) {
        try (t) {
            FloatBuffer b = t.getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }
}
