package io.maskstream.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class BenchReportTest {
    public static BenchResult result() {
        return new BenchResult("2026-11-22", "cpu", 0, 2, 23.5, 1.0, 2.0, 1, 200, 10, 320, 240, 10, 1.5,
                4.0, 5.0, 0.99, 100, 120, 5, 100, 20, 4.0, 0.97, 110, 900_000, 1, 4.2, 300, 880_000,
                Double.NaN, Double.NaN, 3.4, 250, 400, 175, 240, 260, 250, 400);
    }

    @Test
    void theFirstRowAddsTheRunsSectionAndLaterRowsOnlyTheirLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nsome text\n");
        BenchReport.appendRow(result(), file);
        BenchReport.appendRow(result(), file);
        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks\n\nsome text\n\n" + BenchReport.RUNS_HEADING + "\n\n| date |");
        assertThat(text.split(java.util.regex.Pattern.quote(BenchReport.RUNS_HEADING), -1)).hasSize(2);
        List<String> rows = text.lines().filter(l -> l.startsWith("| 2026-11-22 |")).toList();
        assertThat(rows).hasSize(2);
        // as many cells as the header
        long headerCells = text.lines().filter(l -> l.startsWith("| date |")).findFirst().orElseThrow().chars()
                .filter(c -> c == '|').count();
        assertThat(rows.get(0).chars().filter(c -> c == '|').count()).isEqualTo(headerCells);
    }

    @Test
    void aRowGoesAtTheEndOfTheRecordedRunsTableAndTheSectionsAfterItStayBelow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\n" + BenchReport.RUNS_HEADING + "\n\nOne row per run.\n\n"
                + BenchReport.RUNS_HEADER + "| 2026-01-01 | old row |\n\n## Not covered\n\nGPUs.\n");
        BenchReport.appendRow(result(), file);
        List<String> lines = Files.readString(file).lines().toList();
        int oldRow = lines.indexOf("| 2026-01-01 | old row |");
        assertThat(lines.get(oldRow + 1)).startsWith("| 2026-11-22 |");
        assertThat(lines.subList(oldRow + 2, lines.size())).containsExactly("", "## Not covered", "", "GPUs.");
    }

    @Test
    void theJobIsComparedWithTheBareLoopRunOnItsOwnRightAfterIt() {
        BenchResult r = result();
        // bare 4 frames/s interleaved with the tracker, 5 frames/s on its own after the job
        assertThat(r.bareAroundJobFps()).isEqualTo(5.0);
        assertThat(r.jobToBare()).isCloseTo(4.2 / 5.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theJsonHasTheFieldsScriptsReadAndNullForWhatWasNotMeasured() {
        ObjectNode n = result().toJson(new ObjectMapper());
        assertThat(n.fieldNames()).toIterable().contains("bareFps", "trackerFps", "jobFps", "jobToBare", "p50LatencyMs",
                "p99LatencyMs", "stateBytesPerStream", "provider", "bareCpuMillisPerFrame", "jobTaskCpuMillisPerFrame",
                "jobToBareCpu");
        assertThat(n.get("jobToBareCpu").asDouble()).isEqualTo(0.96);
        assertThat(n.get("provider").asText()).isEqualTo("cpu");
        assertThat(n.get("stateBytesPerStream").asLong()).isEqualTo(900_000);
        assertThat(n.get("scaling").isNull()).isTrue();
    }

    @Test
    void streamIdsLandOnDifferentSubtasks() {
        List<String> ids = BenchInputs.streamIds(4, 2);
        assertThat(ids).doesNotHaveDuplicates();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(ids.get(i), 128, 2)).isEqualTo(i % 2);
        }
    }
}
