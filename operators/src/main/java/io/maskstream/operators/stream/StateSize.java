package io.maskstream.operators.stream;

import io.maskstream.operators.stream.FrameStore.EncodedFrame;
import io.maskstream.state.tracking.StreamTrackerState;
import io.maskstream.state.tracking.StreamTrackerStateSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The serialized size of a stream's durable state, as Flink stores it. */
public final class StateSize {
    private StateSize() {}

    public static long of(StreamTrackerState tracker, StreamCursor cursor, Iterable<EncodedFrame> frames) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(4096);
            if (tracker != null) {
                StreamTrackerStateSerializer.INSTANCE.serialize(tracker, out);
            }
            StreamCursorSerializer.INSTANCE.serialize(cursor, out);
            long bytes = out.length();
            for (EncodedFrame f : frames) {
                bytes += f.bytes().length + 16;
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
