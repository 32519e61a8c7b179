package io.maskstream.operators.tracking;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.configuration.ConfigOption;

/**
 * Which family of association rules a {@link StreamTracker} runs ({@link PresetRules}), and the
 * values of the {@link TrackerOptions} it sets in place of their defaults. Individual
 * {@code tracking.*} keys override the preset's values.
 */
public enum TrackerPreset {
    /** The rules of the SAM 3 paper (§C.3): masklet detection score, confirmation, suppression. Its values are the defaults. */
    PAPER("paper", Map::of),
    /** What facebookresearch/sam3 ships: hotstart removal, keep-alive, overlap suppression. */
    SAM3_RELEASE("sam3-release", TrackerOptions::sam3ReleaseValues);

    private final String key;
    private final Supplier<Map<ConfigOption<?>, Object>> values;

    TrackerPreset(String key, Supplier<Map<ConfigOption<?>, Object>> values) {
        this.key = key;
        this.values = values;
    }

    /** The options this preset sets to other values than their defaults, with those values. */
    public Map<ConfigOption<?>, Object> overrides() {
        return values.get();
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
