package io.maskstream.state.tracking;

import io.maskstream.state.geometry.Rle;
import java.util.List;
import java.util.Objects;

/**
 * One masklet's entry in a not yet released output frame. The mask is kept as RLE (empty when the
 * masklet is suppressed on that frame) to keep durable state small.
 *
 * @param events bit set of {@link MaskletEvent#bit()}
 */
public record PendingObject(int maskletId, String concept, float score, Rle mask, int events) {
    public PendingObject {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(mask, "mask");
    }

    public PendingObject withEvent(MaskletEvent e) {
        return new PendingObject(maskletId, concept, score, mask, events | e.bit());
    }

    public List<String> eventLabels() {
        return MaskletEvent.labels(events);
    }
}
