package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    @TempDir
    Path dir;

    @Test
    void conceptsOfTheReferenceKitAreTheColourWords() {
        StringWriter out = new StringWriter();
        int code = MaskstreamCli.commandLine().setOut(new PrintWriter(out))
                .execute("models", "concepts", "--kit", "reference");

        assertThat(code).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange");
    }

    @Test
    void conceptsOfADirectoryWithoutManifestFailsNamingTheFile() {
        StringWriter err = new StringWriter();
        int code = MaskstreamCli.commandLine().setErr(new PrintWriter(err))
                .execute("models", "concepts", "--dir", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("model.json: not found in " + dir);
    }

    @Test
    void conceptsOfTheCocoKitAreTheEightyCocoClassNames() {
        StringWriter out = new StringWriter();
        int code = MaskstreamCli.commandLine().setOut(new PrintWriter(out)).execute("models", "concepts", "--kit", "coco");

        assertThat(code).isZero();
        assertThat(out.toString().lines().toList()).hasSize(80).startsWith("person", "bicycle", "car")
                .endsWith("toothbrush");
    }
}
