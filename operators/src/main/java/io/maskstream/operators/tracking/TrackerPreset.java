package io.maskstream.operators.tracking;

/**
 * Which family of association rules a {@link StreamTracker} runs, and the defaults of every
 * threshold. Individual {@code tracking.*} keys override the preset's values.
 */
public enum TrackerPreset {
    /** The rules of the SAM 3 paper (§C.3): masklet detection score, confirmation, suppression. */
    PAPER("paper"),
    /** What facebookresearch/sam3 ships: hotstart removal, keep-alive, overlap suppression. */
    SAM3_RELEASE("sam3-release");

    private final String key;

    TrackerPreset(String key) {
        this.key = key;
    }

    /** The value used in configuration ({@code tracking.preset}). */
    public String key() {
        return key;
    }

    public static TrackerPreset ofKey(String key) {
        for (TrackerPreset p : values()) {
            if (p.key.equalsIgnoreCase(key.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                TrackerOptions.PRESET.key() + " must be one of paper, sam3-release; got '" + key + "'");
    }

    @Override
    public String toString() {
        return key;
    }
}
