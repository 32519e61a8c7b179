package io.maskstream.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.pipeline.cli.MaskstreamCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Default concepts are checked against the model kit before a job starts (the reference kit). */
class DefaultConceptsValidationTest {
    /** Validation does not contact the broker; the key must only be set. */
    private static final String BROKER = "kafka.bootstrap-servers=localhost:9092";
    private static final String KIT = "model.kit=reference";
    private static final String KNOWN = "red, green, blue, yellow, cyan, magenta, white, orange";

    @Test
    void aDefaultConceptTheModelsDoNotKnowFailsNamingTheKeyTheConceptAndTheKnownConcepts() {
        assertThatThrownBy(() -> MaskstreamConfig.validate(
                MaskstreamConfig.load(null, List.of(BROKER, KIT, "stream.default-concepts=red;person"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("stream.default-concepts: 'person' is not a concept the 'reference' model kit know")
                .hasMessageContaining("known concepts: " + KNOWN);
    }

    @Test
    void defaultConceptsTheModelsKnowPass() {
        assertThatCode(() -> MaskstreamConfig.validate(
                MaskstreamConfig.load(null, List.of(BROKER, KIT, "stream.default-concepts=red;blue;green white"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aJobWithoutAModelKitOrDirectoryFailsNamingTheKeys() {
        assertThatThrownBy(() -> MaskstreamConfig.validate(
                MaskstreamConfig.load(null, List.of(BROKER, "stream.default-concepts=red"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("model.dir is not set")
                .hasMessageContaining("model.kit");
    }

    @Test
    void theConfigCommandReportsAnUnknownDefaultConceptAndFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MaskstreamCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute("config", "--set", BROKER, "--set", KIT, "--set", "stream.default-concepts=person");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("stream.default-concepts: 'person'").contains(KNOWN);
        assertThat(out.toString()).doesNotContain("configuration is valid");
    }
}
