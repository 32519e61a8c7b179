package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.inference.MultiScaleDetector;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ReferenceKitTest {
    @Test
    void modelKitReferenceOpensTheReferenceKitFromTheClassPath() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_KIT, ReferenceKit.NAME);
        try (ModelKit kit = ModelKits.open(conf)) {
            assertThat(kit).isInstanceOf(ReferenceKit.class);
            assertThat(kit.concepts()).containsAll(NamedColour.concepts());
        }
    }

    @Test
    void theKitTheJobOpensRunsItsDetectorAtTheConfiguredScales() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_KIT, ReferenceKit.NAME);
        conf.set(InferenceOptions.DETECTOR_TTA_SCALES, "1.0,1.5");
        try (ModelKit kit = ModelKits.open(conf)) {
            assertThat(kit.detector()).isInstanceOf(MultiScaleDetector.class);
        }
        conf.set(InferenceOptions.DETECTOR_TTA_SCALES, "-1");
        assertThatThrownBy(() -> ModelKits.open(conf)).hasMessageContaining("detector.tta-scales");
    }

    @Test
    void theManifestKitOpensTheReferenceModelsDirectoryAsAModelBundle() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_DIR, ReferenceModels.directory().toString());
        try (ModelKit kit = ModelKits.open(conf)) {
            assertThat(kit).isInstanceOf(ModelBundle.class);
        }
    }
}
