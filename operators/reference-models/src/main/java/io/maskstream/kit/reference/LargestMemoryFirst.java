package io.maskstream.kit.reference;

import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;

/**
 * The reference tracker, given each masklet's conditioning memories largest mask first. The reference
 * memory attention anchors a masklet's colour on its first memory slot, and a masklet spawned on a sliver
 * at the frame edge has a blended, off-colour first conditioning frame until a re-prompt adds the whole
 * object. Attention itself is order-free, so no other kit needs this; it lives here, not in the stream.
 */
final class LargestMemoryFirst implements TrackerRole {
    private final TrackerRole tracker;

    LargestMemoryFirst(TrackerRole tracker) {
        this.tracker = tracker;
    }

    @Override
    public List<MaskletPrediction> propagate(FrameFeatures current, List<MemoryBankInput> banks) {
        List<MemoryBankInput> ordered = new ArrayList<>(banks.size());
        for (MemoryBankInput b : banks) {
            List<MemoryFeatures> conditioning = new ArrayList<>(b.conditioning());
            // Stable: equal areas keep the selection's order.
            conditioning.sort(Comparator.comparingDouble((MemoryFeatures m) -> -ReferenceModels.memoryArea(m)));
            ordered.add(new MemoryBankInput(b.maskletId(), conditioning, b.recent(), b.objectPointers(),
                    b.objectPointerOffsets(), b.prompted()));
        }
        return tracker.propagate(current, ordered);
    }

    @Override
    public FrameFeatures encodeFrame(RgbImage frame) {
        return tracker.encodeFrame(frame);
    }

    @Override
    public MemoryFeatures encodeMemory(FrameFeatures features, Mask mask) {
        return tracker.encodeMemory(features, mask);
    }

    @Override
    public Mask segmentFromBox(FrameFeatures features, Box box) {
        return tracker.segmentFromBox(features, box);
    }

    @Override
    public Mask segmentFromPoints(FrameFeatures features, List<float[]> points, List<Boolean> positive) {
        return tracker.segmentFromPoints(features, points, positive);
    }

    @Override
    public float[] objectPointer(FrameFeatures features, Mask mask) {
        return tracker.objectPointer(features, mask);
    }

    @Override
    public SortedSet<Long> sceneFrames(long seq) {
        return tracker.sceneFrames(seq);
    }

    @Override
    public FrameFeatures withScene(FrameFeatures current, List<FrameFeatures> scene) {
        return tracker.withScene(current, scene);
    }

    @Override
    public List<Detection> cutDetectionMasks(FrameFeatures features, List<Detection> detections) {
        return tracker.cutDetectionMasks(features, detections);
    }

    @Override
    public String maskSource(Mask mask) {
        return tracker.maskSource(mask);
    }
}
