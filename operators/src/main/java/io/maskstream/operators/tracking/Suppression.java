package io.maskstream.operators.tracking;

/** Masklet {@code maskletId} is emitted with an empty mask on this frame but kept in state. */
public record Suppression(int maskletId) {}
