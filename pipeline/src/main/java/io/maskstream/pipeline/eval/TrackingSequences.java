package io.maskstream.pipeline.eval;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.geometry.Rle;
import java.util.List;

/** Tracking sequences built in memory, from the job's own records (no file round trip). */
public final class TrackingSequences {
    private TrackingSequences() {}

    /**
     * One stream's masklet frames as a sequence: frame index = seq, objects with their box and mask;
     * an object with an empty mask (a suppressed masklet) is not a detection, as in the file loader.
     */
    public static TrackingSequence ofMaskletFrames(List<MaskletFrame> frames, int frameCount) {
        TrackingSequence.Builder b = TrackingSequence.builder().frameCount(frameCount);
        for (MaskletFrame f : frames) {
            int t = Math.toIntExact(f.seq());
            for (MaskletFrame.MaskletObject o : f.objects()) {
                Rle mask = Rle.fromCompressedString(o.mask().height(), o.mask().width(), o.mask().counts());
                if (mask.area() == 0) {
                    continue;
                }
                float[] bx = o.box();
                b.add(t, new TrackedObject(o.id(), new BoxRegion(bx[0], bx[1], bx[2], bx[3]), mask,
                        TrackedObject.Role.EVALUATED));
            }
        }
        return b.build();
    }
}
