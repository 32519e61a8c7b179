package io.maskstream.state.tracking;

import io.maskstream.state.geometry.Rle;
import java.util.Objects;

/**
 * One frame of a masklet's memory bank: the frame's sequence number and the mask that was (or is
 * to be) encoded into memory for it. The frame's image bytes are kept by the Flink layer, keyed by
 * seq, so that memory features can be recomputed after a restore.
 */
public record MemoryFrame(long seq, Rle mask) {
    public MemoryFrame {
        Objects.requireNonNull(mask, "mask");
    }
}
