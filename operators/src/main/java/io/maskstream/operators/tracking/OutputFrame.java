package io.maskstream.operators.tracking;

import java.util.List;

/** The confirmed output of frame {@code seq}: its masklets, ascending id. */
public record OutputFrame(long seq, List<OutputObject> objects) {
    public OutputFrame {
        objects = List.copyOf(objects);
    }
}
