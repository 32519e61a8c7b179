package io.maskstream.operators.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
