package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Mask;

/**
 * Encode {@code mask} into masklet {@code maskletId}'s memory for frame {@code seq}. Conditioning
 * writes (spawn, re-prompt) carry the detection's mask; others the prediction's mask (empty when the
 * masklet was overlap-suppressed). Whether a non-conditioning frame stays in the recent memory is
 * shown by {@link StreamTracker#memorySelection(int)}.
 */
public record MemoryWrite(int maskletId, long seq, boolean conditioning, Mask mask) {}
