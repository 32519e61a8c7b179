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

/** Default concepts are checked against the model bundle before a job starts (reference models). */
class DefaultConceptsValidationTest {
    /** Validation does not contact the broker; the key must only be set. */
    private static final String BROKER = "kafka.bootstrap-servers=localhost:9092";
    private static final String KNOWN = "red, green, blue, yellow, cyan, magenta, white, orange";

    @Test
    void aDefaultConceptTheModelsDoNotKnowFailsNamingTheKeyTheConceptAndTheKnownConcepts() {
        assertThatThrownBy(() -> MaskstreamConfig.validate(
                MaskstreamConfig.load(null, List.of(BROKER, "stream.default-concepts=red;person"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("stream.default-concepts: 'person' is not a concept the built-in reference models know")
                .hasMessageContaining("known concepts: " + KNOWN);
    }

    @Test
    void defaultConceptsTheModelsKnowPass() {
        assertThatCode(() -> MaskstreamConfig.validate(
                MaskstreamConfig.load(null, List.of(BROKER, "stream.default-concepts=red;blue;green white"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theConfigCommandReportsAnUnknownDefaultConceptAndFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MaskstreamCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute("config", "--set", BROKER, "--set", "stream.default-concepts=person");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("stream.default-concepts: 'person'").contains(KNOWN);
        assertThat(out.toString()).doesNotContain("configuration is valid");
    }
}
