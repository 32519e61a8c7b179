package io.maskstream.kit.reference.scene;

/** A grey occluding bar spanning the frame's height, in front of every object; x range [x0, x1). */
public record Bar(int x0, int x1) {
    public Bar {
        if (x1 <= x0) {
            throw new IllegalArgumentException("empty bar [" + x0 + ", " + x1 + ")");
        }
    }
}
