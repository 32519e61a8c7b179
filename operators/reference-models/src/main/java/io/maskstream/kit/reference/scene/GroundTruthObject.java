package io.maskstream.kit.reference.scene;

import io.maskstream.state.geometry.Mask;
import java.util.Objects;

/**
 * One object of a synthetic scene on one frame.
 *
 * @param id the object's identity, from 1, stable over the whole scene
 * @param concept the object's colour name, e.g. {@code "red"}
 * @param mask the pixels of the object that are visible on this frame (occluded parts removed), at
 *     frame resolution; empty when the object is hidden or outside the frame
 */
public record GroundTruthObject(int id, String concept, Mask mask) {
    public GroundTruthObject {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(mask, "mask");
    }
}
