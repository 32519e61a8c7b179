package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceTrackerTest {
    private static ModelBundle models;

    @BeforeAll
    static void open() {
        models = ModelBundle.openReference(InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /** Tracks shapes {@code tracked} of each frame's shape list from frame 0; returns IoU[frame][object]. */
    static double[][] track(SyntheticScene scene, IntFunction<List<Shape>> frames, int count, int[] tracked) {
        MaskletTracker tracker = models.tracker();
        List<MemoryFeatures> conditioning = new ArrayList<>();
        List<List<MemoryFeatures>> recent = new ArrayList<>();
        List<Shape> first = frames.apply(0);
        FrameFeatures f0 = tracker.encodeFrame(scene.renderJpeg(first, 0));
        for (int id : tracked) {
            conditioning.add(tracker.encodeMemory(f0, SyntheticScene.visible(first, id)));
            recent.add(new ArrayList<>());
        }
        double[][] iou = new double[count][tracked.length];
        for (int t = 1; t < count; t++) {
            List<Shape> shapes = frames.apply(t);
            FrameFeatures f = tracker.encodeFrame(scene.renderJpeg(shapes, t));
            List<MemoryBankInput> banks = new ArrayList<>();
            for (int k = 0; k < tracked.length; k++) {
                banks.add(new MemoryBankInput(k, List.of(conditioning.get(k)), recent.get(k)));
            }
            List<MaskletPrediction> predictions = tracker.propagate(f, banks);
            for (int k = 0; k < tracked.length; k++) {
                MaskletPrediction p = predictions.get(k);
                assertThat(p.maskletId()).isEqualTo(k);
                Mask truth = SyntheticScene.visible(shapes, tracked[k]);
                iou[t][k] = truth.isEmpty() ? (p.mask().isEmpty() ? 1.0 : 0.0) : p.mask().iou(truth);
                if (Boolean.getBoolean("debugTrack")) {
                    System.out.printf("t=%d k=%d iou=%.3f area=%d truth=%d score=%.3f piou=%.3f box=%s%n", t, k, iou[t][k],
                            p.mask().area(), truth.area(), p.objectScore(), p.predictedIou(), p.mask().boundingBox());
                }
                if (p.effectiveScore() > 0.01f) {
                    List<MemoryFeatures> r = recent.get(k);
                    r.add(tracker.encodeMemory(f, p.mask()));
                    if (r.size() > 6) {
                        r.remove(0);
                    }
                }
            }
        }
        return iou;
    }

    private static double min(double[][] iou, int from) {
        double m = 1;
        for (int t = from; t < iou.length; t++) {
            for (double v : iou[t]) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    @Test
    void followsOneMovingObjectForSixtyFrames() {
        SyntheticScene scene = new SyntheticScene(11);
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("green", 250, 60, 20),
                Shape.disc("red", 40 + 3.5f * t, 120 + 40 * (float) Math.sin(t / 10.0), 14));
        double[][] iou = track(scene, frames, 60, new int[] {1});
        assertThat(min(iou, 1)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void followsTenMovingObjectsAtOnce() {
        SyntheticScene scene = new SyntheticScene(12);
        String[] colours = {"red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange", "red", "blue"};
        IntFunction<List<Shape>> frames = t -> {
            List<Shape> s = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                float x = 35 + (i % 5) * 62 + 10 * (float) Math.sin((t + 7 * i) / 9.0);
                float y = 60 + (i / 5) * 120 + 12 * (float) Math.cos((t + 5 * i) / 11.0);
                s.add(i % 2 == 0 ? Shape.disc(colours[i], x, y, 9 + i) : Shape.rect(colours[i], x, y, 10 + i, 8 + i / 2f));
            }
            return s;
        };
        double[][] iou = track(scene, frames, 60, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(min(iou, 1)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void aSameColouredDistractorInMemoryDoesNotStealTheTrack() {
        SyntheticScene scene = new SyntheticScene(13);
        // The tracked red disc passes 45 px from a red distractor that is visible from frame 0.
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("red", 160, 120, 16),
                Shape.disc("red", 60 + 3 * t, 75, 15));
        double[][] iou = track(scene, frames, 60, new int[] {1});
        assertThat(min(iou, 1)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void recoversAfterAShortOcclusion() {
        SyntheticScene scene = new SyntheticScene(14);
        // A blue bar in front of the path hides the red disc for a few frames.
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("red", 50 + 4 * t, 120, 12),
                Shape.rect("blue", 160, 120, 16, 40));
        double[][] iou = track(scene, frames, 60, new int[] {0});
        // before the bar and once it has re-emerged (the disc's left edge clears the bar at t = 35)
        assertThat(min(java.util.Arrays.copyOfRange(iou, 0, 21), 1)).isGreaterThanOrEqualTo(0.8);
        assertThat(min(iou, 34)).isGreaterThanOrEqualTo(0.8);
    }
}
