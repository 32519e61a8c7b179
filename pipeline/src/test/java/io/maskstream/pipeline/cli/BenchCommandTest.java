package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.pipeline.bench.BenchReportTest;
import io.maskstream.pipeline.bench.VideoBenchSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    private static final String BENCHMARKS = "# Benchmarks\n\nhand-written text\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

    private BenchCommand parsed(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private void report(BenchCommand command) throws Exception {
        command.report(BenchReportTest.result(), dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(notes, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutRecordTheRunIsPrintedAndBenchmarksMdIsLeftUntouched() throws Exception {
        Path benchmarks = dir.resolve("BENCHMARKS.md");
        Files.writeString(benchmarks, BENCHMARKS);

        report(parsed("--frames", "10"));

        assertThat(Files.readString(benchmarks)).isEqualTo(BENCHMARKS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bare model loop").contains("job, MiniCluster");
        assertThat(notes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void recordAppendsTheRowToTheBenchmarksMdItFindsFromTheWorkingDirectory() throws Exception {
        Path benchmarks = dir.resolve("BENCHMARKS.md");
        Files.writeString(benchmarks, BENCHMARKS);

        report(parsed("--record", "--frames", "10"));

        assertThat(Files.readString(benchmarks)).startsWith(BENCHMARKS).contains("| 2026-11-22 |");
        assertThat(notes.toString(StandardCharsets.UTF_8)).contains("row appended to " + benchmarks);
    }

    @Test
    void recordWithAFileAppendsTheRowThere() throws Exception {
        Path runs = dir.resolve("runs.md");

        report(parsed("--record", runs.toString()));

        assertThat(Files.readString(runs)).contains("| 2026-11-22 |");
        assertThat(dir.resolve("BENCHMARKS.md")).doesNotExist();
    }

    @Test
    void kitCocoWithASourceIsAVideoRunOfTheFramesAsked() {
        assertThat(parsed("--kit", "coco", "--source", "../samples/vtest-150.avi", "--frames", "5").videoSettings())
                .isEqualTo(new VideoBenchSettings("../samples/vtest-150.avi", 5, "cpu"));
    }

    @Test
    void kitCocoWithoutFramesReadsTheWholeVideo() {
        assertThat(parsed("--kit", "coco", "--source", "clip.avi").videoSettings().frames()).isZero();
    }

    @Test
    void theManifestKitIsTheDefaultAndRunsSyntheticScenes() {
        assertThat(parsed().videoSettings()).isNull();
    }

    @Test
    void anUnknownKitIsAUsageErrorListingTheKnownKits() {
        assertThatThrownBy(() -> parsed("--kit", "real", "--source", "clip.avi").videoSettings())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--kit: unknown kit 'real' (known: manifest, coco)");
    }

    @Test
    void kitCocoWithoutASourceIsAUsageError() {
        assertThatThrownBy(() -> parsed("--kit", "coco").videoSettings())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--kit coco needs --source FILE (a video to measure on)");
    }

    @Test
    void aSourceWithTheManifestKitIsAUsageError() {
        assertThatThrownBy(() -> parsed("--source", "clip.avi").videoSettings())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--source needs --kit coco");
    }

    @Test
    void theCliExitsWithUsageErrorCodeForAnUnknownKit() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = MaskstreamCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int code = cli.execute("bench", "--kit", "real");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown kit 'real' (known: manifest, coco)");
    }
}
