package io.maskstream.state.record;

/** A record that cannot be accepted, with the typed reason that goes to the dead-letter topic. */
public final class RecordRejectedException extends Exception {
    private final RejectReason reason;
    private final String detail;

    public RecordRejectedException(RejectReason reason, String detail) {
        super(reason.label() + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The explanation without the reason label. */
    public String detail() {
        return detail;
    }
}
