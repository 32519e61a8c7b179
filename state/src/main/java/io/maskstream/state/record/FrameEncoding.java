package io.maskstream.state.record;

/** How a frame's image bytes are encoded; the wire code is one byte. */
public enum FrameEncoding {
    NONE(0, "none"),
    JPEG(1, "jpeg"),
    PNG(2, "png"),
    RAW_RGB(3, "raw-rgb");

    private final int code;
    private final String label;

    FrameEncoding(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    static FrameEncoding ofCode(int code) {
        for (FrameEncoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
