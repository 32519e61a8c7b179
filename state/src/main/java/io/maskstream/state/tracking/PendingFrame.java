package io.maskstream.state.tracking;

import java.util.List;

/** A processed frame whose output is held back until its confirmation window has passed. */
public record PendingFrame(long seq, List<PendingObject> objects) {
    public PendingFrame {
        objects = List.copyOf(objects);
    }
}
