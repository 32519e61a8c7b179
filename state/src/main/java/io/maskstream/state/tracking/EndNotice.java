package io.maskstream.state.tracking;

import java.util.Objects;

/**
 * An end event for a masklet that downstream has seen but that has no pending output frame left to
 * carry the event (possible when the confirmation delay is off); it is emitted with the next frame
 * as an entry with an empty mask.
 */
public record EndNotice(int maskletId, String concept, MaskletEvent event) {
    public EndNotice {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(event, "event");
    }
}
