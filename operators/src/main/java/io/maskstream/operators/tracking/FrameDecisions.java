package io.maskstream.operators.tracking;

import java.util.List;

/**
 * Everything a {@link StreamTracker} decided on one frame, each list in ascending masklet id (spawns
 * in detection order, which is also id order).
 *
 * @param spawnsDroppedAtLimit new detections not spawned because the stream was at its object cap
 * @param released output frames released by this frame, ascending seq
 */
public record FrameDecisions(
        long seq,
        List<Spawn> spawns,
        List<Reprompt> reprompts,
        List<Removal> removals,
        List<Suppression> suppressions,
        List<MemoryWrite> memoryWrites,
        int spawnsDroppedAtLimit,
        List<OutputFrame> released) {
    public FrameDecisions {
        spawns = List.copyOf(spawns);
        reprompts = List.copyOf(reprompts);
        removals = List.copyOf(removals);
        suppressions = List.copyOf(suppressions);
        memoryWrites = List.copyOf(memoryWrites);
        released = List.copyOf(released);
    }
}
