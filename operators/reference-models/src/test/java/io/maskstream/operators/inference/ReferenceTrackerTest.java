package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
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
        models = ReferenceModels.bundle(InferenceSettings.defaults());
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

    /**
     * Tracks shape {@code tracked} as the stream processor feeds the tracker: recent memories admitted
     * when the prediction is confident, the previous frame always attended (empty when the object was
     * not found), object pointers of the conditioning frame and the admitted frames with their ages.
     * Returns the predicted mask per frame (index 0: the prompt).
     */
    static List<Mask> trackWithPointers(SyntheticScene scene, IntFunction<List<Shape>> frames, int count, int tracked) {
        return trackWithPointers(t -> scene.renderJpeg(frames.apply(t), t), SyntheticScene.visible(frames.apply(0), tracked),
                count);
    }

    /** The same over any frames: {@code image} gives frame t (from 0), {@code prompt} the mask on frame 0. */
    static List<Mask> trackWithPointers(IntFunction<RgbImage> image, Mask prompt, int count) {
        MaskletTracker tracker = models.tracker();
        FrameFeatures f0 = tracker.encodeFrame(image.apply(0));
        MemoryFeatures conditioning = tracker.encodeMemory(f0, prompt);
        float[] firstPointer = tracker.objectPointer(f0, prompt); // none for a sliver
        List<float[]> pointers = new ArrayList<>(firstPointer == null ? List.of() : List.of(firstPointer));
        List<Integer> pointerFrames = new ArrayList<>(firstPointer == null ? List.of() : List.of(0));
        List<MemoryFeatures> recent = new ArrayList<>();
        MemoryFeatures previous = null;
        List<Mask> out = new ArrayList<>(List.of(prompt));
        for (int t = 1; t < count; t++) {
            FrameFeatures f = tracker.encodeFrame(image.apply(t));
            List<MemoryFeatures> attended = new ArrayList<>(recent);
            if (previous != null) {
                attended.add(previous);
            }
            List<Integer> offsets = new ArrayList<>();
            for (int s : pointerFrames) {
                offsets.add(t - s);
            }
            MaskletPrediction p = tracker.propagate(f, List.of(new MemoryBankInput(0, List.of(conditioning),
                    attended.subList(Math.max(0, attended.size() - 6), attended.size()), pointers, offsets))).get(0);
            out.add(p.mask());
            if (Boolean.getBoolean("debugTrack")) {
                System.out.printf("t=%d area=%d box=%s score=%.3f%n", t, p.mask().area(), p.mask().boundingBox(),
                        p.effectiveScore());
            }
            MemoryFeatures m = tracker.encodeMemory(f, p.mask());
            previous = null;
            if (p.effectiveScore() > 0.01f) {
                recent.add(m);
                float[] pointer = tracker.objectPointer(f, p.mask());
                if (pointer != null) {
                    pointers.add(pointer);
                    pointerFrames.add(t);
                    if (pointers.size() > 16) {
                        int oldest = firstPointer == null ? 0 : 1; // the conditioning frame's pointer stays
                        pointers.remove(oldest);
                        pointerFrames.remove(oldest);
                    }
                }
            } else {
                previous = m;
            }
        }
        return out;
    }

    @Test
    void reFindsAnObjectThatMovedFarWhileHidden() {
        SyntheticScene scene = new SyntheticScene(15);
        // The green disc is fully hidden behind the 80-px bar on frames 24-37 and moves 80 px between its
        // last and first visible pixels: far beyond what the spatial memory's position term reaches.
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("green", 40 + 4 * t, 120, 12),
                Shape.rect("blue", 160, 120, 40, 60));
        List<Mask> masks = trackWithPointers(scene, frames, 60, 0);
        assertThat(masks.get(30).area()).as("hidden").isLessThan(20);
        for (int t = 45; t < 60; t++) {
            Mask truth = SyntheticScene.visible(frames.apply(t), 0);
            assertThat(masks.get(t).iou(truth)).as("frame %d", t).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void aLostObjectIsNotReplacedByASameColouredObjectThatSitsInMemory() {
        SyntheticScene scene = new SyntheticScene(16);
        // The tracked red disc goes behind the bar and stays there; another red disc sits 80 px away, in
        // every memory frame. (One that drifts far from where the frozen memory saw it, while the object
        // stays lost for most of the pointer horizon, can be taken: see ReferenceModels.)
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("red", Math.min(40 + 4 * t, 160), 120, 12),
                Shape.disc("red", 100, 200, 14),
                Shape.rect("blue", 160, 120, 40, 40));
        List<Mask> masks = trackWithPointers(scene, frames, 60, 0);
        for (int t = 40; t < 60; t++) {
            Mask other = SyntheticScene.visible(frames.apply(t), 1);
            assertThat(masks.get(t).intersectionArea(other)).as("frame %d", t).isLessThan(10);
        }
    }

    @Test
    void aLostObjectIsNotReFoundOnASameColouredObjectOutOfItsReach() {
        SyntheticScene scene = new SyntheticScene(18);
        // The tracked red disc (1 px/frame) hides behind the bar from frame ≈ 30 and stays there; another
        // red disc drifts away at 1.5 px/frame, so no memory frame saw it where it now is, and it is
        // 110-150 px from where the tracked disc was last seen: further than a 1-px/frame object goes.
        IntFunction<List<Shape>> frames = t -> List.of(
                Shape.disc("red", Math.min(120 + t, 160), 120, 10),
                Shape.disc("red", 130 - 1.5f * t, 30, 10),
                Shape.rect("blue", 160, 120, 20, 40));
        List<Mask> masks = trackWithPointers(scene, frames, 70, 0);
        for (int t = 35; t < 70; t++) {
            Mask other = SyntheticScene.visible(frames.apply(t), 1);
            assertThat(masks.get(t).intersectionArea(other)).as("frame %d", t).isLessThan(10);
        }
    }

    @Test
    void aTrackedObjectDoesNotAnnexASameColouredNewcomer() {
        SyntheticScene scene = new SyntheticScene(17);
        // A second red disc appears from frame 20 on, 90 px from the tracked one, which stays visible.
        IntFunction<List<Shape>> frames = t -> t < 20
                ? List.of(Shape.disc("red", 60 + 2 * t, 120, 14))
                : List.of(Shape.disc("red", 60 + 2 * t, 120, 14), Shape.disc("red", 190 + 2 * t, 60, 14));
        List<Mask> masks = trackWithPointers(scene, frames, 50, 0);
        for (int t = 1; t < 50; t++) {
            Mask truth = SyntheticScene.visible(frames.apply(t), 0);
            assertThat(masks.get(t).iou(truth)).as("frame %d", t).isGreaterThanOrEqualTo(0.8);
        }
    }
    @Test
    void aMaskletSpawnedOnASliverGrowsWithAFastSmallObjectEmergingFromBehindTheBar() {
        // The mixed scene's white square (19 px, 11 px/frame, striped) comes out from behind the grey bar
        // on frame 10 as a 9-px sliver, which never fills a 16-px tracker cell; the masklet starts there.
        io.maskstream.kit.reference.scene.SyntheticScene scene = io.maskstream.kit.reference.scene.Scenarios.create("mixed",
                io.maskstream.kit.reference.scene.SceneSettings.defaults().withFrameCount(200));
        int first = 10;
        IntFunction<Mask> square = t -> scene.groundTruth(first + t).stream()
                .filter(o -> o.concept().equals("white")).findFirst().orElseThrow().mask();
        IntFunction<RgbImage> image = t -> {
            try {
                return MemoryRecomputeTest.decode(MemoryRecomputeTest.jpeg(scene.frame(first + t), 0.9f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(square.apply(0).boundingBox().width()).isLessThan(12);
        // The masklet is spawned from the detector's mask of the sliver, as in the stream.
        Mask spawn = models.detector().detect(image.apply(0), List.of(models.conceptEncoder().encode("white"))).stream()
                .map(io.maskstream.state.geometry.Detection::mask)
                .max(java.util.Comparator.comparingInt(m -> m.intersectionArea(square.apply(0)))).orElseThrow();
        assertThat(spawn.intersectionArea(square.apply(0))).isPositive();
        List<Mask> masks = trackWithPointers(image, spawn, 8);
        for (int t = 2; t < 8; t++) {
            assertThat(masks.get(t).iou(square.apply(t))).as("frame %d", first + t).isGreaterThanOrEqualTo(0.8);
        }
    }

    /** The mixed scene (600 frames) as the stream sees it: JPEG frames, masklets spawned from the detector. */
    private static final io.maskstream.kit.reference.scene.SyntheticScene MIXED = io.maskstream.kit.reference.scene.Scenarios
            .create("mixed", io.maskstream.kit.reference.scene.SceneSettings.defaults().withFrameCount(600));

    private static RgbImage mixedFrame(int t) {
        try {
            return MemoryRecomputeTest.decode(MemoryRecomputeTest.jpeg(MIXED.frame(t), 0.9f));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The visible mask of the mixed scene's object of {@code concept} on frame t (empty when none is visible). */
    private static Mask mixedTruth(String concept, int t) {
        return MIXED.groundTruth(t).stream().filter(o -> o.concept().equals(concept)).map(o -> o.mask())
                .filter(m -> !m.isEmpty()).findFirst().orElse(Mask.empty(240, 320));
    }

    /** Tracks the mixed scene's {@code concept} object from the detector's mask of it on frame {@code first}. */
    private static List<Mask> trackMixed(String concept, int first, int count) {
        Mask truth = mixedTruth(concept, first);
        Mask spawn = models.detector().detect(mixedFrame(first), List.of(models.conceptEncoder().encode(concept)))
                .stream().map(io.maskstream.state.geometry.Detection::mask)
                .max(java.util.Comparator.comparingInt(m -> m.intersectionArea(truth))).orElseThrow();
        assertThat(spawn.intersectionArea(truth)).isPositive();
        return trackWithPointers(t -> mixedFrame(first + t), spawn, count);
    }

    /** Fewer than 60 pixels of each tracked mask after the prompt lie outside the object's visible mask. */
    private static void assertStaysOnItsObject(List<Mask> masks, String concept, int first) {
        for (int t = 1; t < masks.size(); t++) {
            Mask outside = masks.get(t).andNot(mixedTruth(concept, first + t));
            assertThat(outside.area()).as("frame %d", first + t).isLessThan(60);
        }
    }

    @Test
    void aMaskletWhoseObjectStaysHiddenBehindTheBarDoesNotSpreadOverTheBar() {
        // The mixed scene's magenta ellipse drifts behind the grey bar from frame ≈ 200 and stays hidden
        // for ≈ 115 frames; the sliver left of it must not lead the mask onto the bar's grey.
        int first = 150;
        List<Mask> masks = trackMixed("magenta", first, 110);
        assertStaysOnItsObject(masks, "magenta", first);
    }

    @Test
    void aMaskletDoesNotSpreadOverADullClutterPatchNextToItsObject() {
        // The mixed scene's blue square reaches the right edge next to a dull purple clutter patch
        // (≈ (102, 84, 125)); edge pixels between the two must not carry the mask onto the patch.
        int first = 150;
        List<Mask> masks = trackMixed("blue", first, 60);
        assertStaysOnItsObject(masks, "blue", first);
    }

    @Test
    void aYellowMaskletDoesNotTakeANearbyOrangeObject() {
        // The mixed scene's yellow diamond goes behind the bar at ≈ frame 36 while an orange diamond
        // enters at frame 41; the yellow masklet may re-find its object but never the orange one
        // (striped yellow, ×0.85, lies within the plain colour distance of orange).
        int first = 20;
        List<Mask> masks = trackMixed("yellow", first, 80);
        for (int t = 1; t < masks.size(); t++) {
            Mask orange = mixedTruth("orange", first + t);
            assertThat(masks.get(t).intersectionArea(orange)).as("frame %d", first + t).isLessThan(10);
        }
    }
}
