package io.maskstream.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationDocsTest {
    @Test
    void docsListEveryConfigurationKeyAsTheOptionsDefineIt() throws Exception {
        Path docs = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(docs))
                .as("docs/configuration.md is stale: regenerate with ./maskstream config --docs > docs/configuration.md")
                .isEqualTo(ConfigurationDocs.markdown());
    }

    @Test
    void everyKeyHasADescription() {
        MaskstreamConfig.schema().knownOptions().forEach((key, option) ->
                assertThat(option.description().toString()).as(key).isNotBlank());
    }

    @Test
    void keysAreUniqueAcrossModules() {
        int declared = 0;
        for (Class<?> c : MaskstreamConfig.OPTION_CLASSES) {
            for (var f : c.getFields()) {
                if (org.apache.flink.configuration.ConfigOption.class.isAssignableFrom(f.getType())) {
                    declared++;
                }
            }
        }
        assertThat(MaskstreamConfig.schema().knownOptions()).hasSize(declared);
    }
}
