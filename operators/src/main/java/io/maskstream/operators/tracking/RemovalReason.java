package io.maskstream.operators.tracking;

/** Why a masklet left the tracker's state. */
public enum RemovalReason {
    /** Young and not confirmed by detections (paper: MDS below V; sam3-release: hotstart unmatched frames). */
    UNCONFIRMED,
    /** Young and sharing detections with an earlier-starting masklet for too many frames. */
    DUPLICATE,
    /** No detection matched it for {@code tracking.max-lost-frames} frames (streaming extension). */
    LOST,
    /** Removed by a user command ({@link StreamTracker#removeMasklet}). */
    USER,
    /** Its concept was removed ({@link StreamTracker#removeConcept}). */
    CONCEPT_REMOVED
}
