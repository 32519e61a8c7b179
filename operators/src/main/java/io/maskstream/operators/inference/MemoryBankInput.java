package io.maskstream.operators.inference;

import java.util.List;
import java.util.Objects;

/**
 * What the tracker attends to for one masklet: its conditioning memories (prompted frames, at most a
 * few), its recent memories (oldest first; the last is the previous frame) and its object pointers
 * (each {@code float[]} one pointer vector; may be empty).
 */
public record MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent,
                              List<float[]> objectPointers) {
    public MemoryBankInput {
        conditioning = List.copyOf(Objects.requireNonNull(conditioning, "conditioning"));
        recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
        objectPointers = List.copyOf(Objects.requireNonNull(objectPointers, "objectPointers"));
        if (conditioning.isEmpty() && recent.isEmpty()) {
            throw new IllegalArgumentException("masklet " + maskletId + " has no memory to propagate from");
        }
    }

    public MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent) {
        this(maskletId, conditioning, recent, List.of());
    }
}
