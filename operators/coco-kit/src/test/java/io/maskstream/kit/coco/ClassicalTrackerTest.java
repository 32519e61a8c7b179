package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassicalTrackerTest {
    private static final int W = 384;
    private static final int H = 288;

    /** A textured background with a darker textured blob whose top-left corner is at (x, y). */
    private static RgbImage frame(int blobX, int blobY, int blobW, int blobH) {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = 150 + ((x / 7 + y / 5) % 3) * 10;
                boolean inBlob = x >= blobX && x < blobX + blobW && y >= blobY && y < blobY + blobH;
                if (inBlob) {
                    v = 40 + (((x - blobX) / 3 + (y - blobY) / 4) % 4) * 15;
                }
                int i = (y * W + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) v;
            }
        }
        return new RgbImage(W, H, rgb);
    }

    private static RgbImage background() {
        return frame(-100, -100, 0, 0);
    }

    private static FrameFeatures withScene(ClassicalTracker t, RgbImage current, RgbImage... scene) {
        List<FrameFeatures> s = new ArrayList<>();
        for (RgbImage f : scene) {
            s.add(t.encodeFrame(f));
        }
        return t.withScene(t.encodeFrame(current), s);
    }

    @Test
    void theForegroundIsTheSameWhenRebuiltFromTheSameStoredFrames() {
        RgbImage bg = background();
        RgbImage early = frame(40, 40, 30, 60);
        RgbImage now = frame(100, 80, 30, 60);
        FrameFeatures original = withScene(new ClassicalTracker(), now, bg, early, bg);
        // after a restore: a new tracker, frames decoded again from state
        FrameFeatures rebuilt = withScene(new ClassicalTracker(), frame(100, 80, 30, 60), background(),
                frame(40, 40, 30, 60), background());
        assertThat(rebuilt).isEqualTo(original);
        assertThat(SceneModel.foreground(original)).isNotNull();
    }

    @Test
    void theBackgroundIsTheMedianSoAnObjectOnOneSceneFrameIsNotPartOfIt() {
        ClassicalTracker t = new ClassicalTracker();
        FrameFeatures f = withScene(t, background(), background(), frame(40, 40, 30, 60), background());
        float[] fg = SceneModel.foreground(f);
        float sum = 0;
        for (float v : fg) {
            sum += v;
        }
        assertThat(sum).as("foreground pixels on an empty frame").isZero();
    }

    @Test
    void sceneFramesAreEveryEighthFrameBeforeTheCurrentOneAtMostFive() {
        ClassicalTracker t = new ClassicalTracker();
        assertThat(t.sceneFrames(0)).isEmpty();
        assertThat(t.sceneFrames(1)).containsExactly(0L);
        assertThat(t.sceneFrames(50)).containsExactly(16L, 24L, 32L, 40L, 48L);
        assertThat(t.sceneFrames(49)).containsExactly(16L, 24L, 32L, 40L, 48L);
    }

    @Test
    void propagationFollowsATranslatedBlob() {
        ClassicalTracker t = new ClassicalTracker();
        RgbImage bg = background();
        FrameFeatures before = withScene(t, frame(100, 80, 30, 60), bg, bg, bg);
        Mask blob = Mask.rectangle(H, W, 100, 80, 130, 140);
        MemoryFeatures memory = t.encodeMemory(before, blob);
        FrameFeatures after = withScene(t, frame(108, 84, 30, 60), bg, bg, bg);

        List<MaskletPrediction> p = t.propagate(after, List.of(new MemoryBankInput(1, List.of(memory), List.of())));

        Box moved = p.get(0).mask().boundingBox();
        assertThat(moved).isEqualTo(new Box(108, 84, 138, 144));
        assertThat(p.get(0).mask().iou(Mask.rectangle(H, W, 108, 84, 138, 144))).isGreaterThan(0.95);
        assertThat(p.get(0).objectScore()).isGreaterThan(0.9f);
    }

    @Test
    void aBoxPromptSelectsTheForegroundInsideTheBox() {
        ClassicalTracker t = new ClassicalTracker();
        RgbImage bg = background();
        FrameFeatures f = withScene(t, frame(100, 80, 30, 60), bg, bg, bg);

        Mask mask = t.segmentFromBox(f, new Box(80, 60, 160, 170));

        assertThat(mask.iou(Mask.rectangle(H, W, 100, 80, 130, 140))).isGreaterThan(0.9);
        assertThat(mask.area()).isLessThan(80 * 110 / 2);
    }

    @Test
    void aBoxPromptWithoutForegroundIsTheBox() {
        ClassicalTracker t = new ClassicalTracker();
        FrameFeatures noScene = t.encodeFrame(frame(100, 80, 30, 60));

        assertThat(t.segmentFromBox(noScene, new Box(80, 60, 160, 170)))
                .isEqualTo(Mask.rectangle(H, W, 80, 60, 160, 170));
    }

    @Test
    void aPointPromptSelectsTheForegroundComponentUnderIt() {
        ClassicalTracker t = new ClassicalTracker();
        RgbImage bg = background();
        FrameFeatures f = withScene(t, frame(100, 80, 30, 60), bg, bg, bg);

        Mask mask = t.segmentFromPoints(f, List.of(new float[] {115, 110}), List.of(true));

        assertThat(mask.iou(Mask.rectangle(H, W, 100, 80, 130, 140))).isGreaterThan(0.9);
    }

    @Test
    void aMaskThatFillsItsBoxIsFromTheBoxAndAnyOtherFromTheForeground() {
        ClassicalTracker t = new ClassicalTracker();
        assertThat(t.maskSource(Mask.rectangle(H, W, 10, 10, 40, 90))).isEqualTo("box");
        assertThat(t.maskSource(Mask.rectangle(H, W, 10, 10, 40, 90).or(Mask.rectangle(H, W, 40, 10, 50, 20))))
                .isEqualTo("foreground");
        assertThat(t.maskSource(Mask.empty(H, W))).isNull();
    }

    @Test
    void aMaskletWhoseObjectLeftAndIsNotDetectedIsEmpty() {
        ClassicalTracker t = new ClassicalTracker();
        RgbImage bg = background();
        FrameFeatures before = withScene(t, frame(100, 80, 30, 60), bg, bg, bg);
        MemoryFeatures memory = t.encodeMemory(before, Mask.rectangle(H, W, 100, 80, 130, 140));
        FrameFeatures gone = withScene(t, bg, bg, bg, bg);
        t.cutDetectionMasks(gone, List.of());

        MaskletPrediction p = t.propagate(gone, List.of(new MemoryBankInput(1, List.of(memory), List.of()))).get(0);

        assertThat(p.mask().isEmpty()).isTrue();
        assertThat(p.objectScore()).isZero();
    }

    @Test
    void aMaskletStandingStillKeepsItsMaskWhileTheDetectorSeesIt() {
        ClassicalTracker t = new ClassicalTracker();
        RgbImage bg = background();
        FrameFeatures before = withScene(t, frame(100, 80, 30, 60), bg, bg, bg);
        Mask blob = Mask.rectangle(H, W, 100, 80, 130, 140);
        MemoryFeatures memory = t.encodeMemory(before, blob);
        // the object stood still long enough to be the background's median
        RgbImage still = frame(100, 80, 30, 60);
        FrameFeatures now = withScene(t, still, still, still, bg);
        t.cutDetectionMasks(now, List.of(new io.maskstream.state.geometry.Detection(new Box(98, 78, 132, 142), 0.8f,
                Mask.rectangle(H, W, 98, 78, 132, 142), "person")));

        MaskletPrediction p = t.propagate(now, List.of(new MemoryBankInput(1, List.of(memory), List.of()))).get(0);

        assertThat(p.mask()).isEqualTo(blob);
    }

    @Test
    void aPromptedMaskletOnAnObjectThatDoesNotMoveKeepsItsMask() {
        ClassicalTracker t = new ClassicalTracker();
        // a parked object: it is part of every scene frame, so it is never foreground
        RgbImage parked = frame(100, 80, 30, 60);
        FrameFeatures prompted = withScene(t, parked, parked, parked, parked);
        Mask box = t.segmentFromBox(prompted, new Box(100, 80, 130, 140));
        MemoryFeatures memory = t.encodeMemory(prompted, box);
        FrameFeatures next = withScene(t, parked, parked, parked, parked);
        t.cutDetectionMasks(next, List.of());

        MaskletPrediction kept = t.propagate(next,
                List.of(new MemoryBankInput(1, List.of(memory), List.of(), List.of(), List.of(), true))).get(0);
        MaskletPrediction dropped = t.propagate(next,
                List.of(new MemoryBankInput(1, List.of(memory), List.of(), List.of(), List.of(), false))).get(0);

        assertThat(kept.mask()).isEqualTo(box);
        assertThat(dropped.mask().isEmpty()).as("the same masklet, not prompted, is an absent object").isTrue();
    }
}
