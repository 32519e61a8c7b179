package io.maskstream.operators.inference;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The tracker's image-encoder outputs for one frame, keyed as in the manifest ({@code imageEmbeddings},
 * {@code highResFeatures0}, {@code highResFeatures1}, {@code visionFeatures}, {@code visionPosEmbed}),
 * plus the frame size. A transient cache, never Flink state: rebuilt by encoding the stored frame.
 */
public record FrameFeatures(int frameWidth, int frameHeight, Map<String, FloatTensor> tensors) {
    public FrameFeatures {
        Objects.requireNonNull(tensors, "tensors");
        tensors = java.util.Collections.unmodifiableMap(new TreeMap<>(tensors));
    }

    public FloatTensor get(String key) {
        FloatTensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("frame features have no '" + key + "' (have " + tensors.keySet() + ")");
        }
        return t;
    }
}
