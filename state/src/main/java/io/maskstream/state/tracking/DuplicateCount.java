package io.maskstream.state.tracking;

/**
 * On how many frames a young masklet shared a detection with the earlier-starting masklet
 * {@code earlierId} (counted on the later one, while it is inside its confirmation window).
 */
public record DuplicateCount(int earlierId, int frames) {}
