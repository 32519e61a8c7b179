package io.maskstream.kit.coco;

/**
 * One object found by the COCO detector: its class (index into {@link CocoClasses#NAMES} and name), its score in
 * [0, 1] and its box in frame pixels, {@code (x0, y0)} the top-left and {@code (x1, y1)} the bottom-right corner.
 */
public record CocoDetection(int classId, String className, float score, float x0, float y0, float x1, float y1) {
    public float width() {
        return x1 - x0;
    }

    public float height() {
        return y1 - y0;
    }
}
