package io.maskstream.kit.reference.scene;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.Rle;
import java.util.ArrayList;
import java.util.List;

/**
 * A scene's ground truth as the same {@link MaskletFrame}s the job emits, so one set of writers and
 * metrics serves both: visible objects only, score 1, box from the mask, capture time = frame time
 * at 30 fps from 0.
 */
public final class SceneGroundTruth {
    private SceneGroundTruth() {}

    public static MaskletFrame maskletFrame(SyntheticScene scene, String streamId, int index) {
        List<MaskletObject> objects = new ArrayList<>();
        for (GroundTruthObject o : scene.groundTruth(index)) {
            if (o.mask().isEmpty()) {
                continue;
            }
            Rle rle = o.mask().toRle();
            int[] b = rle.toBbox();
            objects.add(new MaskletObject(o.id(), o.concept(), 1.0f, new float[] {b[0], b[1], b[2], b[3]},
                    new RleMask(rle.height(), rle.width(), rle.toCompressedString()), List.of()));
        }
        long time = Math.round(index * 1000 / scene.fps());
        return new MaskletFrame(streamId, index, time, time, scene.width(), scene.height(), objects);
    }

    public static List<MaskletFrame> maskletFrames(SyntheticScene scene, String streamId) {
        List<MaskletFrame> frames = new ArrayList<>(scene.frameCount());
        for (int t = 0; t < scene.frameCount(); t++) {
            frames.add(maskletFrame(scene, streamId, t));
        }
        return frames;
    }
}
