package io.maskstream.operators.tracking;

/** Masklet {@code maskletId} is removed from state; {@code duplicateOf} names the kept masklet for duplicates, else null. */
public record Removal(int maskletId, RemovalReason reason, Integer duplicateOf) {}
