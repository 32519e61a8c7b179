package io.maskstream.operators.inference;

/**
 * How sessions run; see {@link InferenceOptions} for each field's meaning and default.
 *
 * @param intraOpThreads threads per session sharing the work of a node, the caller included; {@link #ONE_PER_CORE}
 *     for one per available core
 */
public record InferenceSettings(Device device, int intraOpThreads, int interOpThreads, float detectionThreshold,
                                int trackerBatchSize, boolean allowSpinning) {
    /** Intra-op threads value meaning one per available core. */
    public static final int ONE_PER_CORE = -1;

    public InferenceSettings(Device device, int intraOpThreads, int interOpThreads, float detectionThreshold) {
        this(device, intraOpThreads, interOpThreads, detectionThreshold, 0, false);
    }

    public InferenceSettings(Device device, int intraOpThreads, int interOpThreads, float detectionThreshold,
                             int trackerBatchSize) {
        this(device, intraOpThreads, interOpThreads, detectionThreshold, trackerBatchSize, false);
    }

    public InferenceSettings {
        if (device == null) {
            throw new IllegalArgumentException("device must be set");
        }
        if (intraOpThreads < 1 && intraOpThreads != ONE_PER_CORE) {
            throw new IllegalArgumentException("intra-op threads must be -1 (one per core) or positive: "
                    + intraOpThreads);
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("inter-op threads must be at least 1: " + interOpThreads);
        }
        if (trackerBatchSize < 0) {
            throw new IllegalArgumentException("tracker batch size must be 0 (all masklets) or positive: "
                    + trackerBatchSize);
        }
        if (!(detectionThreshold >= 0f && detectionThreshold <= 1f)) {
            throw new IllegalArgumentException("detection threshold must be in [0, 1]: " + detectionThreshold);
        }
    }

    /** CPU, one thread (no pools), sequential execution, no spinning, threshold 0.5. */
    public static InferenceSettings defaults() {
        return new InferenceSettings(Device.CPU, 1, 1, 0.5f, 0, false);
    }

    /** The intra-op threads a session on this machine gets: {@link #ONE_PER_CORE} resolved. */
    public int intraOpThreadCount() {
        return intraOpThreads == ONE_PER_CORE ? Math.max(1, Runtime.getRuntime().availableProcessors()) : intraOpThreads;
    }
}
