package io.maskstream.kit.reference.scene;

import io.maskstream.kit.reference.NamedColour;
import java.util.Objects;

/**
 * One object of a synthetic scene.
 *
 * @param id identity, from 1
 * @param colour its colour, which is also its concept
 * @param radius half its extent in pixels at scale 1
 * @param depth painting order: higher depth is nearer the camera and owns shared pixels
 */
public record SceneObject(int id, NamedColour colour, Shape shape, double radius, int depth, Motion motion) {
    public SceneObject {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(motion, "motion");
        if (id <= 0) {
            throw new IllegalArgumentException("object ids start at 1: " + id);
        }
        if (radius <= 0) {
            throw new IllegalArgumentException("radius must be positive: " + radius);
        }
    }

    public String concept() {
        return colour.concept();
    }
}
