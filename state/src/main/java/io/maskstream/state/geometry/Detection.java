package io.maskstream.state.geometry;

import java.util.Objects;

/**
 * One detected instance of a concept on a frame: its box in frame pixels, the detector's score in
 * [0, 1], its mask (at the stream's mask resolution) and the concept that found it.
 */
public record Detection(Box box, float score, Mask mask, String concept) {
    public Detection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(concept, "concept");
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("detection score must be in [0, 1]: " + score);
        }
    }
}
