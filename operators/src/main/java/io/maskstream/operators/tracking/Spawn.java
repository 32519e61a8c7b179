package io.maskstream.operators.tracking;

/** Start masklet {@code maskletId} from detection {@code detectionIndex} (its mask is the first conditioning frame). */
public record Spawn(int maskletId, int detectionIndex, String concept) {}
