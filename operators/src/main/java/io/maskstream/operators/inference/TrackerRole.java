package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Role: moves masklets from frame to frame and segments user prompts. Its features are a transient
 * cache: {@link #encodeFrame} of the same pixels and {@link #encodeMemory} of the same (frame, mask)
 * must give equal values, so that the features rebuilt from state after a restore are the originals.
 * One thread at a time.
 */
public interface TrackerRole {
    FrameFeatures encodeFrame(RgbImage frame);

    /** The memory entry for {@code mask} (frame resolution) on the frame of {@code features}. */
    MemoryFeatures encodeMemory(FrameFeatures features, Mask mask);

    /** One prediction per bank, in the banks' order. */
    List<MaskletPrediction> propagate(FrameFeatures current, List<MemoryBankInput> banks);

    /** A user box prompt (frame pixels) on the frame of {@code features}. */
    Mask segmentFromBox(FrameFeatures features, Box box);

    /** User point prompts (frame pixels, {x, y}); {@code positive} false marks a background point. */
    Mask segmentFromPoints(FrameFeatures features, List<float[]> points, List<Boolean> positive);

    /** The object pointer of {@code mask} on the frame of {@code features}, or null when there is none. */
    float[] objectPointer(FrameFeatures features, Mask mask);

    /**
     * Earlier frames (by seq) whose pixels this tracker models the scene of frame {@code seq} from, for
     * example a background. The stream keeps them in state next to the frames memory refers to, so the
     * scene is rebuilt from state after a restore like every other feature. Default: none.
     */
    default SortedSet<Long> sceneFrames(long seq) {
        return new TreeSet<>();
    }

    /**
     * The features of the current frame completed with its scene, given the features of those of
     * {@link #sceneFrames} that state holds, oldest first. Default: unchanged.
     */
    default FrameFeatures withScene(FrameFeatures current, List<FrameFeatures> scene) {
        return current;
    }

    /** The detections of the frame of {@code features} with masks as this tracker cuts them. Default: unchanged. */
    default List<Detection> cutDetectionMasks(FrameFeatures features, List<Detection> detections) {
        return detections;
    }

    /**
     * What a mask of this tracker's is cut from, written with each output object as {@code maskSource}
     * (for example {@code foreground} or {@code box}); null (the default) writes nothing.
     */
    default String maskSource(Mask mask) {
        return null;
    }
}
