package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SceneCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheVideoAndGroundTruthOfAScenario() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SceneCommand()).setOut(new PrintWriter(out));
        int code = cli.execute("--scenario", "distractor", "--frames", "15", "--out", dir.toString());
        assertThat(code).isZero();
        assertThat(dir.resolve("distractor.mp4")).exists();
        assertThat(dir.resolve("distractor.mots.txt")).exists();
        assertThat(dir.resolve("distractor.ytvis.json")).exists();
        assertThat(out.toString()).contains("15 frames").contains("codec");
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SceneCommand()).setErr(new PrintWriter(err))
                .execute("--scenario", "nope", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario");
    }

    @Test
    void listPrintsTheScenarioNames() {
        StringWriter out = new StringWriter();
        new CommandLine(new SceneCommand()).setOut(new PrintWriter(out)).execute("--list");
        assertThat(out.toString().lines()).contains("crossing", "mixed");
    }
}
