package io.maskstream.connectors.record;

/** A record that cannot be accepted, with the typed reason that goes to the dead-letter topic. */
public final class RecordRejectedException extends Exception {
    private final RejectReason reason;

    public RecordRejectedException(RejectReason reason, String detail) {
        super(reason.label() + ": " + detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
