package io.maskstream.state.tracking;

import io.maskstream.state.geometry.Mask;
import java.util.Objects;

/**
 * The tracker's prediction M̂ of one masklet on one frame, after the model layer picked the most
 * confident of its candidate masks.
 *
 * @param maskletId the masklet this prediction belongs to
 * @param mask the predicted mask, at the same resolution as the frame's detection masks
 * @param objectScore probability in [0, 1] that the object is present (SAM 2's object score)
 * @param predictedIou the decoder's own estimate of the mask's IoU, in [0, 1]
 */
public record MaskletPrediction(int maskletId, Mask mask, float objectScore, float predictedIou) {
    public MaskletPrediction {
        Objects.requireNonNull(mask, "mask");
    }

    /** SAM 2's memory admission score: presence × predicted IoU. */
    public float effectiveScore() {
        return objectScore * predictedIou;
    }
}
