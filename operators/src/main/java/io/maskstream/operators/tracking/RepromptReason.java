package io.maskstream.operators.tracking;

/** Why a masklet is re-initialised from a detection. */
public enum RepromptReason {
    /** Every N-th frame, from a high-confidence, high-IoU detection. */
    PERIODIC,
    /** The prediction's box drifted from its best-matching detection's box. */
    DETECTION_GUIDED
}
