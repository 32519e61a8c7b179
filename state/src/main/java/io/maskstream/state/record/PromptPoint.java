package io.maskstream.state.record;

/**
 * One click of an {@code add-points} prompt, in frame pixels.
 *
 * @param positive true for a click on the object, false for a click on the background
 */
public record PromptPoint(float x, float y, boolean positive) {
    public PromptPoint {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("point coordinates must be finite: " + x + ", " + y);
        }
    }

    /** "positive" or "negative", as in the JSON {@code labels}. */
    public String label() {
        return positive ? "positive" : "negative";
    }
}
