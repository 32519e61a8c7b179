package io.maskstream.operators.tracking.instruction;

import io.maskstream.state.geometry.Box;
import java.util.Objects;

/**
 * What the resolver knows of one visible masklet on one frame: the output (concept, box, area), the
 * colour measured under its masks, and its history over the released frames.
 *
 * @param box tight box of the mask in frame pixels
 * @param area mask pixels
 * @param colour the {@link ColourNames} word of its mean colour, null when not measured
 * @param firstSeenSeq seq of the first frame on which it was visible (entry order)
 * @param trackedMillis capture time of this frame minus that of its first visible frame
 * @param vx horizontal velocity in pixels per second, NaN when unknown (fewer than two samples)
 * @param vy vertical velocity in pixels per second (down is positive), NaN when unknown
 * @param wasOccluded it was invisible on some frame after it was first seen, and is visible again
 */
public record MaskletView(int id, String concept, Box box, int area, String colour, long firstSeenSeq,
                          long trackedMillis, double vx, double vy, boolean wasOccluded) {
    public MaskletView {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(box, "box");
    }

    double centreX() {
        return (box.x1() + box.x2()) / 2.0;
    }

    double centreY() {
        return (box.y1() + box.y2()) / 2.0;
    }
}
