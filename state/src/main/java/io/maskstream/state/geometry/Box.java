package io.maskstream.state.geometry;

/**
 * An axis-aligned box in xyxy form: (x1, y1) the top-left corner, (x2, y2) the bottom-right, in
 * pixels unless stated otherwise. Continuous coordinates: width = x2 − x1, no +1 pixel.
 */
public record Box(float x1, float y1, float x2, float y2) {

    public static Box fromXywh(float x, float y, float w, float h) {
        return new Box(x, y, x + w, y + h);
    }

    public float width() {
        return Math.max(0f, x2 - x1);
    }

    public float height() {
        return Math.max(0f, y2 - y1);
    }

    public float area() {
        return width() * height();
    }

    public double iou(Box o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0.0;
        }
        double inter = (double) iw * ih;
        double union = (double) area() + o.area() - inter;
        return union <= 0 ? 0.0 : inter / union;
    }

    /** [x, y, w, h], the COCO / MaskletFrame form. */
    public float[] toXywh() {
        return new float[] {x1, y1, width(), height()};
    }

    /** This box (in pixels of a width × height frame) in coordinates normalised to [0, 1]. */
    public Box normalised(int frameWidth, int frameHeight) {
        return new Box(x1 / frameWidth, y1 / frameHeight, x2 / frameWidth, y2 / frameHeight);
    }

    /** This normalised box in pixels of a width × height frame. */
    public Box toPixels(int frameWidth, int frameHeight) {
        return new Box(x1 * frameWidth, y1 * frameHeight, x2 * frameWidth, y2 * frameHeight);
    }

    /** Clipped to [0, width] × [0, height]. */
    public Box clip(float width, float height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    private static float clamp(float v, float max) {
        return Math.max(0f, Math.min(max, v));
    }
}
