package io.maskstream.kit.reference.scene;

/** The outline of a synthetic object, tested in the object's own coordinates scaled to its radius. */
public enum Shape {
    DISC,
    SQUARE,
    DIAMOND,
    ELLIPSE;

    /** Whether (u, v), in units of the object's radius from its centre, lies inside the shape. */
    boolean contains(double u, double v) {
        return switch (this) {
            case DISC -> u * u + v * v <= 1.0;
            case SQUARE -> Math.abs(u) <= 1.0 && Math.abs(v) <= 1.0;
            case DIAMOND -> Math.abs(u) + Math.abs(v) <= 1.0;
            case ELLIPSE -> u * u + (v * v) / 0.36 <= 1.0;
        };
    }
}
