package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ModelKitsTest {
    @Test
    void anUnknownKitFailsNamingTheKeyAndTheKnownKits() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_KIT, "sam9");

        assertThatThrownBy(() -> ModelKits.open(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.kit")
                .hasMessageContaining("'sam9'")
                .hasMessageContaining(ModelKits.MANIFEST);
    }

    @Test
    void aJobWithoutAModelDirectoryOrKitFailsNamingTheKeys() {
        assertThatThrownBy(() -> ModelKits.open(new Configuration()))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("model.dir is not set")
                .hasMessageContaining("model.kit");
    }
}
