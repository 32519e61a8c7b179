package io.maskstream.operators.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class TrackerOptionsTest {
    @Test
    void anEmptyConfigurationGivesThePaperPreset() {
        assertThat(TrackerOptions.from(new Configuration())).isEqualTo(TrackerSettings.paper());
    }

    @Test
    void thePresetKeySelectsSam3Release() {
        Configuration c = new Configuration();
        c.set(TrackerOptions.PRESET, "sam3-release");
        TrackerSettings s = TrackerOptions.from(c);
        assertThat(s).isEqualTo(TrackerSettings.sam3Release());
        assertThat(s.confirmationDelay()).isEqualTo(14);
        assertThat(s.detectionGuidedRepromptEnabled()).isFalse();
        assertThat(s.overlapSuppressionEnabled()).isTrue();
    }

    @Test
    void anExplicitKeyOverridesThePresetValue() {
        Configuration c = new Configuration();
        c.set(TrackerOptions.PRESET, "sam3-release");
        c.setString("tracking.confirmation-delay", "20");
        c.setString("tracking.enabled.duplicate-removal", "false");
        TrackerSettings s = TrackerOptions.from(c);
        assertThat(s.confirmationDelay()).isEqualTo(20);
        assertThat(s.duplicateRemovalEnabled()).isFalse();
        assertThat(s.unmatchedIouThreshold()).isEqualTo(0.5f);
    }

    @Test
    void anInvalidValueIsRejectedNamingItsKey() {
        Configuration c = new Configuration();
        c.setString("tracking.iou-threshold", "1.5");
        assertThatThrownBy(() -> TrackerOptions.from(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracking.iou-threshold");
        Configuration d = new Configuration();
        d.setString("tracking.max-objects", "0");
        assertThatThrownBy(() -> TrackerOptions.from(d)).hasMessageContaining("tracking.max-objects");
        Configuration e = new Configuration();
        e.setString("tracking.preset", "fast");
        assertThatThrownBy(() -> TrackerOptions.from(e)).hasMessageContaining("tracking.preset");
    }

    @Test
    void sam3ReleaseDiffersFromThePaperInSixValues() {
        Map<String, String> paper = TrackerSettings.paper().toMap();
        Map<String, String> differing = new TreeMap<>();
        TrackerSettings.sam3Release().toMap().forEach((key, value) -> {
            if (!value.equals(paper.get(key))) {
                differing.put(key, value);
            }
        });
        assertThat(differing).isEqualTo(Map.of(
                "tracking.preset", "sam3-release",
                "tracking.confirmation-delay", "14",
                "tracking.unmatched-iou-threshold", "0.5",
                "tracking.reprompt-masklet-score", "0.69",
                "tracking.enabled.suppression", "false",
                "tracking.enabled.detection-guided-reprompt", "false",
                "tracking.enabled.overlap-suppression", "true"));
    }

    @Test
    void theSettingsHoldAValueForEveryOption() {
        String[] keys = Arrays.stream(TrackerOptions.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class)
                .map(f -> {
                    try {
                        return ((ConfigOption<?>) f.get(null)).key();
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                })
                .toArray(String[]::new);
        assertThat(keys).hasSize(31);
        assertThat(TrackerSettings.paper().toMap()).containsOnlyKeys(keys);
    }

    @Test
    void withChangesOneValueAndKeepsThePresetsOthers() {
        TrackerSettings capped = TrackerSettings.sam3Release().with(TrackerOptions.MAX_OBJECTS, 3);
        assertThat(capped.maxObjects()).isEqualTo(3);
        assertThat(capped.confirmationDelay()).isEqualTo(14);
        assertThat(capped.with(TrackerOptions.MAX_OBJECTS, 64)).isEqualTo(TrackerSettings.sam3Release());
        assertThatThrownBy(() -> capped.with(TrackerOptions.MAX_OBJECTS, 0)).hasMessageContaining("tracking.max-objects");
    }
}
