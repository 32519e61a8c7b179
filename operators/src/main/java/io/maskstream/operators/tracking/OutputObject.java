package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.util.List;

/**
 * One masklet in a released output frame.
 *
 * @param score the detection's score on spawn and re-prompt frames, else the prediction's object
 *     score (1 for a user prompt's first frame, 0 for an end notice)
 * @param box tight box of the mask in pixels, null when the mask is empty
 * @param mask empty when the masklet is suppressed on this frame
 * @param events labels among "started", "confirmed", "suppressed", "recovered", "ended",
 *     "removed-as-duplicate" (see {@link StreamTracker})
 */
public record OutputObject(int maskletId, String concept, float score, Box box, Mask mask, List<String> events) {
    public OutputObject {
        events = List.copyOf(events);
    }

    /** The mask as COCO RLE. */
    public Rle rle() {
        return mask.toRle();
    }
}
