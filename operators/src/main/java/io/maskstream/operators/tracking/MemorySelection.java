package io.maskstream.operators.tracking;

import io.maskstream.state.tracking.MemoryFrame;
import java.util.List;

/**
 * Which frames a masklet's memory attention uses for its next frame, each with the mask stored for
 * it, ascending seq.
 *
 * @param conditioning the conditioning frames in attention (the latest ones)
 * @param recent the recent non-conditioning memory frames
 * @param pointers the frames whose object pointers are used (conditioning frames first)
 * @param prompted whether a user prompt made or refined the masklet (the rules never remove it for the
 *     detector's sake, and a kit should not drop it either)
 */
public record MemorySelection(int maskletId, List<MemoryFrame> conditioning, List<MemoryFrame> recent,
                              List<MemoryFrame> pointers, boolean prompted) {
    public MemorySelection {
        conditioning = List.copyOf(conditioning);
        recent = List.copyOf(recent);
        pointers = List.copyOf(pointers);
    }
}
