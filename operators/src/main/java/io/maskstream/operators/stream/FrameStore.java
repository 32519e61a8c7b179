package io.maskstream.operators.stream;

import io.maskstream.state.record.FrameEncoding;

/**
 * The encoded frames (the image bytes as they arrived) that a stream's memory banks still refer
 * to. In Flink this is keyed {@code MapState}; the bytes are the durable source from which model
 * features are recomputed after a restore.
 */
public interface FrameStore {
    /** The stored frame {@code seq}, or null. */
    EncodedFrame get(long seq) throws Exception;

    void put(long seq, EncodedFrame frame) throws Exception;

    void remove(long seq) throws Exception;

    /** The stored seqs (a copy: callers remove while iterating). */
    java.util.List<Long> seqs() throws Exception;

    /** An encoded image as it came off the wire, with what is needed to decode it. */
    record EncodedFrame(int width, int height, FrameEncoding encoding, byte[] bytes) {}
}
