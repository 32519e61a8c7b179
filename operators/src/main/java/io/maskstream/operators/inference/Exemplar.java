package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Box;
import java.util.Arrays;
import java.util.Objects;

/**
 * An image exemplar as a detector keeps it (SAM 3 §2: a box with a positive or negative label), computed by
 * {@link DetectorRole#exemplar} on the frame the box was drawn on and kept in the stream's state, so the
 * frame itself need not be. Value semantics.
 *
 * @param box the box in pixels of the frame it was drawn on
 * @param positive true: "instances like this"; false: "not instances like this"
 * @param knownConcept a closed-vocabulary detector's concept whose detection lies under the box, or null
 * @param appearance what the detector compares instances with (e.g. a colour histogram); may be empty
 */
public record Exemplar(Box box, boolean positive, String knownConcept, float[] appearance) {
    public Exemplar {
        Objects.requireNonNull(box, "box");
        appearance = appearance == null ? new float[0] : appearance.clone();
    }

    @Override
    public float[] appearance() {
        return appearance.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exemplar e && box.equals(e.box) && positive == e.positive
                && Objects.equals(knownConcept, e.knownConcept) && Arrays.equals(appearance, e.appearance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(box, positive, knownConcept, Arrays.hashCode(appearance));
    }

    @Override
    public String toString() {
        return "Exemplar[" + (positive ? "+" : "-") + box + (knownConcept == null ? "" : ", " + knownConcept) + "]";
    }
}
