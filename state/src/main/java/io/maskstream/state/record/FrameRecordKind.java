package io.maskstream.state.record;

/** What a record on the frames topic says: an image, or a marker in the stream's life. */
public enum FrameRecordKind {
    /** An image of the stream at {@code seq}. */
    FRAME(0),
    /** The source restarted (camera reconnect, resolution change): the tracker resets from here. */
    STREAM_EPOCH(1),
    /** The source ended: pending output is flushed and the stream's state cleared. */
    END_OF_STREAM(2);

    private final int code;

    FrameRecordKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static FrameRecordKind ofCode(int code) {
        for (FrameRecordKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
