package io.maskstream.operators.inference;

/** How sessions run; see {@link InferenceOptions} for each field's meaning and default. */
public record InferenceSettings(Device device, int intraOpThreads, int interOpThreads, float detectionThreshold,
                                int trackerBatchSize) {
    public InferenceSettings(Device device, int intraOpThreads, int interOpThreads, float detectionThreshold) {
        this(device, intraOpThreads, interOpThreads, detectionThreshold, 0);
    }

    public InferenceSettings {
        if (device == null) {
            throw new IllegalArgumentException("device must be set");
        }
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (trackerBatchSize < 0) {
            throw new IllegalArgumentException("tracker batch size must be 0 (all masklets) or positive: "
                    + trackerBatchSize);
        }
        if (!(detectionThreshold >= 0f && detectionThreshold <= 1f)) {
            throw new IllegalArgumentException("detection threshold must be in [0, 1]: " + detectionThreshold);
        }
    }

    /** CPU, one thread each, threshold 0.5. */
    public static InferenceSettings defaults() {
        return new InferenceSettings(Device.CPU, 1, 1, 0.5f);
    }
}
