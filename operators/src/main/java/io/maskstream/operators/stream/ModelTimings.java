package io.maskstream.operators.stream;

/** Cumulative time per model stage, for metrics and the bench (nanoseconds). */
public final class ModelTimings {
    private long detectNanos;
    private long propagateNanos;
    private long rulesNanos;
    private long encodeNanos;
    private long memoryNanos;
    private long frames;
    private long propagatedMasklets;
    private long prefetchedDetections;

    void add(long detect, long propagate, long rules) {
        detectNanos += detect;
        propagateNanos += propagate;
        rulesNanos += rules;
        frames++;
    }

    void addPropagated(int masklets) {
        propagatedMasklets += masklets;
    }

    /** Masklets propagated, summed over frames (divide by {@link #frames()} for the mean live masklets). */
    public long propagatedMasklets() {
        return propagatedMasklets;
    }

    /** Detector time of a micro-batch (counted once for its frames, not per frame). */
    void addDetect(long nanos) {
        detectNanos += nanos;
    }

    void addPrefetched() {
        prefetchedDetections++;
    }

    /** Frames whose detections came from a micro-batch of the detector rather than a call of their own. */
    public long prefetchedDetections() {
        return prefetchedDetections;
    }

    void addEncode(long nanos) {
        encodeNanos += nanos;
    }

    void addMemory(long nanos) {
        memoryNanos += nanos;
    }

    public long detectNanos() {
        return detectNanos;
    }

    public long propagateNanos() {
        return propagateNanos;
    }

    public long rulesNanos() {
        return rulesNanos;
    }

    public long encodeNanos() {
        return encodeNanos;
    }

    public long memoryNanos() {
        return memoryNanos;
    }

    public long frames() {
        return frames;
    }

    /** Time spent in the models (detector, image encoder, memory encoder, propagation). */
    public long modelNanos() {
        return detectNanos + propagateNanos + encodeNanos + memoryNanos;
    }
}
