package io.maskstream.operators.inference;

import java.util.Objects;

/**
 * One memory entry of a masklet: the memory encoder's features for (frame, mask), their position
 * encoding and the temporal code (null when the export has none). Value semantics (equals compares
 * every float), so features recomputed from the stored frame bytes and RLE mask can be checked against
 * the originals.
 */
public record MemoryFeatures(FloatTensor features, FloatTensor positionEncoding, FloatTensor temporalCode) {
    public MemoryFeatures {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(positionEncoding, "positionEncoding");
    }
}
