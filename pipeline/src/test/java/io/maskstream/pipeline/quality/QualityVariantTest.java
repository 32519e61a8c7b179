package io.maskstream.pipeline.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.config.MaskstreamConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityVariantTest {

    private static TrackerSettings settings(QualityVariant v) {
        return TrackerOptions.from(MaskstreamConfig.load(null, v.settings()));
    }

    @Test
    void theSuiteRunsBothPresetsAndWithAblationEachOfTheFiveRulesOff() {
        assertThat(QualitySuite.variants(false)).extracting(QualityVariant::name).containsExactly("paper", "sam3-release");
        assertThat(QualitySuite.variants(true)).extracting(QualityVariant::name).containsExactly("paper", "sam3-release",
                "no confirmation delay", "no duplicate removal", "no suppression", "no periodic re-prompt",
                "no detection-guided re-prompt");
    }

    @Test
    void theAblationBaseHasEveryAblatedRuleOn() {
        TrackerSettings all = settings(QualityVariant.preset(QualityVariant.PAPER));
        assertThat(List.of(all.confirmationDelayEnabled(), all.duplicateRemovalEnabled(), all.suppressionEnabled(),
                all.periodicRepromptEnabled(), all.detectionGuidedRepromptEnabled())).containsOnly(true);
    }

    @Test
    void eachAblationVariantSwitchesOffExactlyItsRule() {
        List<QualityVariant> ablation = QualityVariant.ablation();
        assertThat(settings(ablation.get(1)).confirmationDelayEnabled()).isFalse();
        assertThat(settings(ablation.get(2)).duplicateRemovalEnabled()).isFalse();
        assertThat(settings(ablation.get(3)).suppressionEnabled()).isFalse();
        assertThat(settings(ablation.get(4)).periodicRepromptEnabled()).isFalse();
        assertThat(settings(ablation.get(5)).detectionGuidedRepromptEnabled()).isFalse();
        TrackerSettings noDuplicates = settings(ablation.get(2));
        assertThat(noDuplicates.with(TrackerOptions.DUPLICATE_REMOVAL_ENABLED, true))
                .isEqualTo(settings(ablation.get(0)));
    }
}
