package io.maskstream.state.record;

/** Why a record was rejected; the label goes into the dead letter's {@code reason}. */
public enum RejectReason {
    TRUNCATED_HEADER("truncated-header"),
    BAD_MAGIC("bad-magic"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNKNOWN_KIND("unknown-kind"),
    BAD_STREAM_ID("bad-stream-id"),
    KEY_MISMATCH("key-mismatch"),
    NEGATIVE_SEQ("negative-seq"),
    INVALID_DIMENSIONS("invalid-dimensions"),
    TOO_MANY_PIXELS("too-many-pixels"),
    UNKNOWN_ENCODING("unknown-encoding"),
    PAYLOAD_LENGTH_MISMATCH("payload-length-mismatch"),
    RECORD_TOO_LARGE("record-too-large"),
    RAW_SIZE_MISMATCH("raw-size-mismatch"),
    UNDECODABLE_IMAGE("undecodable-image"),
    IMAGE_SIZE_MISMATCH("image-size-mismatch"),
    DUPLICATE_SEQ("duplicate-seq"),
    LATE_SEQ("late-seq"),
    SEQ_TOO_FAR_AHEAD("seq-too-far-ahead"),
    BAD_PROMPT("bad-prompt"),
    BAD_INSTRUCTION("bad-instruction"),
    UNKNOWN_CONCEPT("unknown-concept"),
    UNKNOWN_OBJECT("unknown-object"),
    BOX_OUTSIDE_FRAME("box-outside-frame"),
    STREAM_ENDED("stream-ended"),
    EXEMPLARS_UNSUPPORTED("exemplars-unsupported");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
