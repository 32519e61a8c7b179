package io.maskstream.state.tracking;

/**
 * Events attached to a masklet in one output frame. Labels are those of the {@code MaskletFrame}
 * record ({@code events: ["started", ...]}). Each event has one bit so that a pending output keeps
 * its events in one small int.
 */
public enum MaskletEvent {
    /** The masklet's first output frame. */
    STARTED("started"),
    /** The frame on which the masklet survived its whole confirmation window. */
    CONFIRMED("confirmed"),
    /** The first frame of a run of frames on which the masklet is emitted empty but kept. */
    SUPPRESSED("suppressed"),
    /** The first frame after a suppressed run on which the masklet is emitted again. */
    RECOVERED("recovered"),
    /** The last output frame of a masklet that downstream has seen and that now ends. */
    ENDED("ended"),
    /** Like {@link #ENDED}, because the masklet was found to duplicate an earlier one. */
    REMOVED_AS_DUPLICATE("removed-as-duplicate");

    private final String label;

    MaskletEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The event with this label, as it appears in a MaskletFrame's {@code events}. */
    public static MaskletEvent ofLabel(String label) {
        for (MaskletEvent e : values()) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown masklet event '" + label + "'");
    }

    public int bit() {
        return 1 << ordinal();
    }

    /** The labels of the events in {@code bits}, in declaration order. */
    public static java.util.List<String> labels(int bits) {
        java.util.List<String> out = new java.util.ArrayList<>(2);
        for (MaskletEvent e : values()) {
            if ((bits & e.bit()) != 0) {
                out.add(e.label);
            }
        }
        return java.util.List.copyOf(out);
    }
}
