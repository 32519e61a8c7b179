package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.operators.inference.ModelKitFactory;
import io.maskstream.operators.inference.ModelKits;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class CocoKitOptionsTest {
    @Test
    void aListedConceptGetsItsThresholdAndTheOthersTheDetectionThreshold() {
        Configuration conf = new Configuration();
        conf.set(CocoKitOptions.SCORE_THRESHOLDS, Map.of("people", "0.6", "car", "0.4"));
        conf.setString("model.detection-threshold", "0.55");

        float[] t = CocoKitOptions.thresholds(conf);

        assertThat(t[CocoClasses.resolve("person")]).isEqualTo(0.6f);
        assertThat(t[CocoClasses.resolve("car")]).isEqualTo(0.4f);
        assertThat(t[CocoClasses.resolve("dog")]).isEqualTo(0.55f);
    }

    @Test
    void anUnknownConceptInTheThresholdsFailsNamingTheKey() {
        Configuration conf = new Configuration();
        conf.set(CocoKitOptions.SCORE_THRESHOLDS, Map.of("unicorn", "0.5"));

        assertThatThrownBy(() -> CocoKitOptions.thresholds(conf))
                .hasMessageContaining("coco.score-thresholds").hasMessageContaining("unicorn");
    }

    @Test
    void theKitIsFoundOnTheClassPathByItsName() {
        Map<String, ModelKitFactory> kits = ModelKits.factories();
        assertThat(kits).containsKey(CocoKit.NAME);
    }
}
