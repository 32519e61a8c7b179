package io.maskstream.pipeline.eval;

import io.maskstream.state.geometry.Rle;

/**
 * One object on one frame of a {@link TrackingSequence}: its track id and what similarity is measured
 * on — a box, a mask, or both (our masklets carry both; the other side decides which one is used).
 *
 * @param id track id as the source gives it (relabelled to contiguous indices only inside the metrics)
 * @param box the box, or null
 * @param mask the mask, or null
 * @param role how ground truth treats this object; predictions are always {@link Role#EVALUATED}
 */
public record TrackedObject(int id, BoxRegion box, Rle mask, Role role) {

    /** How a ground-truth object takes part in the evaluation (TrackEval's MOTChallenge preprocessing). */
    public enum Role {
        /** Counted: predictions must find it. */
        EVALUATED,
        /**
         * Not counted, and a prediction matched to it (box IoU ≥ 0.5) is dropped instead of counting as a
         * false positive — MOT17's person-on-vehicle, static person, distractor and reflection classes.
         */
        DISTRACTOR,
        /**
         * Not counted, but takes part in the distractor matching — MOTChallenge rows of other classes
         * or with the "consider" flag (7th column) at 0. A prediction on it is a false positive.
         */
        NEUTRAL
    }

    public TrackedObject {
        if (box == null && mask == null) {
            throw new IllegalArgumentException("object " + id + " has neither a box nor a mask");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is null");
        }
    }

    public static TrackedObject ofBox(int id, BoxRegion box) {
        return new TrackedObject(id, box, null, Role.EVALUATED);
    }

    public static TrackedObject ofMask(int id, Rle mask) {
        return new TrackedObject(id, null, mask, Role.EVALUATED);
    }
}
