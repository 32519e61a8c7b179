package io.maskstream.state.tracking;

import java.util.List;
import java.util.Objects;

/**
 * The durable state of one live masklet.
 *
 * @param id stream-unique id, from 1, never reused
 * @param concept the concept (text prompt) that found it, or the label of a user prompt
 * @param firstSeq seq of its first frame (t_first)
 * @param firstFrameIndex index of its first frame among the frames the stream processed; windows
 *     count processed frames, not seq numbers, so gaps in seq do not shorten them
 * @param prompted added by a user prompt (exempt from the detector-driven removal and suppression)
 * @param confirmed survived its whole confirmation window
 * @param firstOutputSeq seq of its first output frame, −1 while it has none
 * @param suppressed its latest output frame was emitted empty by a suppression rule
 * @param mds lifetime masklet detection score S_i(t_first, τ) (paper rules)
 * @param keepAlive keep-alive score (sam3-release rules)
 * @param lastMatchedFrameIndex frame index on which a detection last matched it (or it started)
 * @param unmatchedFrames frames without a detection at the unmatched threshold while young
 *     (sam3-release hotstart)
 * @param lastOccludedFrameIndex frame index on which it was last empty or overlap-suppressed, −1 if
 *     never (sam3-release overlap suppression)
 * @param duplicateCounts shared-detection frame counts against earlier masklets, ascending by id;
 *     only kept while young
 * @param conditioningMemory conditioning frames (spawn, prompts, re-prompts), ascending seq, at most
 *     the configured number in attention
 * @param recentMemory recent non-conditioning frames admitted to memory (effective score above the
 *     threshold), ascending seq, bounded
 * @param previousFrame the latest frame when it was neither a conditioning frame nor admitted (the
 *     tracker always attends to the immediately preceding frame); null otherwise
 */
public record MaskletState(
        int id,
        String concept,
        long firstSeq,
        long firstFrameIndex,
        boolean prompted,
        boolean confirmed,
        long firstOutputSeq,
        boolean suppressed,
        long mds,
        int keepAlive,
        long lastMatchedFrameIndex,
        int unmatchedFrames,
        long lastOccludedFrameIndex,
        List<DuplicateCount> duplicateCounts,
        List<MemoryFrame> conditioningMemory,
        List<MemoryFrame> recentMemory,
        MemoryFrame previousFrame) {
    public MaskletState {
        Objects.requireNonNull(concept, "concept");
        duplicateCounts = List.copyOf(duplicateCounts);
        conditioningMemory = List.copyOf(conditioningMemory);
        recentMemory = List.copyOf(recentMemory);
    }
}
