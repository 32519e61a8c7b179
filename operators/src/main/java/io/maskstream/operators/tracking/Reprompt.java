package io.maskstream.operators.tracking;

/** Re-initialise masklet {@code maskletId} from detection {@code detectionIndex}'s mask: a new conditioning frame. */
public record Reprompt(int maskletId, int detectionIndex, RepromptReason reason) {}
