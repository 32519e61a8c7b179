package io.maskstream.operators.inference;

import java.util.List;
import java.util.Objects;

/**
 * What the tracker attends to for one masklet: its conditioning memories (prompted frames, at most a
 * few), its recent memories (oldest first; the last is the previous frame) and its object pointers
 * (each {@code float[]} one pointer vector, oldest first; may be empty) with each pointer's age in
 * frames before the current one ({@code objectPointerOffsets}, same length; models without an offsets
 * input ignore it). {@code prompted}: a user prompt made or refined the masklet, so a kit keeps it where
 * the prompt put it even where its own evidence (motion, say) says the object is gone.
 */
public record MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent,
                              List<float[]> objectPointers, List<Integer> objectPointerOffsets, boolean prompted) {
    public MemoryBankInput {
        conditioning = List.copyOf(Objects.requireNonNull(conditioning, "conditioning"));
        recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
        objectPointers = List.copyOf(Objects.requireNonNull(objectPointers, "objectPointers"));
        objectPointerOffsets = List.copyOf(Objects.requireNonNull(objectPointerOffsets, "objectPointerOffsets"));
        if (conditioning.isEmpty() && recent.isEmpty()) {
            throw new IllegalArgumentException("masklet " + maskletId + " has no memory to propagate from");
        }
        if (objectPointerOffsets.size() != objectPointers.size()) {
            throw new IllegalArgumentException("masklet " + maskletId + " has " + objectPointers.size()
                    + " object pointers but " + objectPointerOffsets.size() + " offsets");
        }
    }

    /** A masklet the detector started (not prompted). */
    public MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent,
                           List<float[]> objectPointers, List<Integer> objectPointerOffsets) {
        this(maskletId, conditioning, recent, objectPointers, objectPointerOffsets, false);
    }

    /** Pointers without ages: each counts as from the previous frame (offset 1). */
    public MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent,
                           List<float[]> objectPointers) {
        this(maskletId, conditioning, recent, objectPointers,
                java.util.Collections.nCopies(objectPointers.size(), 1));
    }

    public MemoryBankInput(int maskletId, List<MemoryFeatures> conditioning, List<MemoryFeatures> recent) {
        this(maskletId, conditioning, recent, List.of(), List.of());
    }
}
