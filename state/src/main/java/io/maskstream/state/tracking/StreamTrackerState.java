package io.maskstream.state.tracking;

import java.util.List;

/**
 * The durable state of one stream's tracker: an immutable value, snapshotted after every frame and
 * restored after a failure. Bounded: removed masklets are forgotten, pending output holds at most
 * the confirmation delay's number of frames, and memory banks are bounded per masklet.
 *
 * @param lastSeq seq of the last processed frame, −1 before the first
 * @param framesProcessed how many frames this stream has processed (the next frame's index)
 * @param lastReleasedSeq seq of the last released output frame, −1 if none
 * @param nextMaskletId the id the next masklet gets (ids start at 1 and are never reused)
 * @param spawnsDroppedAtLimit new detections not spawned because the stream was at its object cap
 * @param masklets live masklets, ascending id
 * @param pendingFrames output frames not yet released, ascending seq
 * @param endNotices end events waiting for the next output frame, ascending masklet id
 */
public record StreamTrackerState(
        long lastSeq,
        long framesProcessed,
        long lastReleasedSeq,
        int nextMaskletId,
        long spawnsDroppedAtLimit,
        List<MaskletState> masklets,
        List<PendingFrame> pendingFrames,
        List<EndNotice> endNotices) {
    public StreamTrackerState {
        masklets = List.copyOf(masklets);
        pendingFrames = List.copyOf(pendingFrames);
        endNotices = List.copyOf(endNotices);
    }

    /** The state of a stream that has processed nothing. */
    public static StreamTrackerState initial() {
        return new StreamTrackerState(-1, 0, -1, 1, 0, List.of(), List.of(), List.of());
    }
}
