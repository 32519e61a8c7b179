package io.maskstream.pipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The bench's table on the console and, with {@code --record}, its dated row in BENCHMARKS.md. */
public final class BenchReport {
    /** The heading of the table in BENCHMARKS.md that {@code maskstream bench --record} adds its rows to. */
    public static final String RUNS_HEADING = "### Recorded runs (`maskstream bench --record`)";
    static final String RUNS_HEADER = "| date | machine | load | streams × objects, size | provider | bare fps | "
            + "bare fps after job | tracker fps (× bare) | job fps (× bare after it) | subtasks: scaling | p50 / p99 latency − delay (ms) | "
            + "model ms/frame | state/stream | GC ms bare / tracker / job | CPU ms/frame bare / tracker / job task / job process |\n"
            + "| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";

    private BenchReport() {}

    public static void printTable(BenchResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%n%s, %d cores, %.1f GiB, load %.2f -> %.2f, provider %s%n", r.date(), r.cores(),
                r.memoryGiB(), r.loadBefore(), r.loadAfter(), r.provider());
        out.printf(Locale.ROOT, "%d stream(s) x %d frames, %d objects (%d masklets), %dx%d, tracker batch size %s%n%n",
                r.streams(), r.frames(), r.objects(), r.masklets(), r.width(), r.height(), batch(r));
        String row = "%-34s %10s %8s %16s %12s %12s %8s%n";
        out.printf(Locale.ROOT, row, "stage", "frames/s", "x bare", "p50/p99 ms", "model share", "state/stream", "GC ms");
        out.printf(Locale.ROOT, row, "bare model loop", f(r.bareFps(), 2), "1.00", "-", pct(r.bareModelShare()), "-",
                r.bareGcMillis());
        out.printf(Locale.ROOT, row, "tracker (LocalStreamRunner)", f(r.trackerFps(), 2), f(r.trackerToBare(), 2), "-",
                pct(r.trackerModelShare()), bytes(r.trackerStateBytes()), r.trackerGcMillis());
        out.printf(Locale.ROOT, row, "bare model loop, after the job", f(r.bareAfterJobFps(), 2),
                f(r.bareAfterJobFps() / r.bareFps(), 2), "-", "-", "-", "-");
        out.printf(Locale.ROOT, row, "job, MiniCluster + Kafka, p=" + r.jobParallelism(), f(r.jobFps(), 2),
                f(r.jobFps() / r.bareAroundJobFps(), 2), f(r.p50LatencyMs(), 0) + " / " + f(r.p99LatencyMs(), 0),
                "~" + pct(Math.min(1, r.jobFps() / r.bareAroundJobFps() / Math.max(1, r.jobParallelism()))),
                bytes(r.jobStateBytes()), r.jobGcMillis());
        if (!Double.isNaN(r.jobOneSubtaskFps())) {
            out.printf(Locale.ROOT, row, "job, p=1", f(r.jobOneSubtaskFps(), 2), f(r.jobToBare(), 2), "-", "-", "-", "-");
            out.printf(Locale.ROOT, "scaling p=%d / p=1: %.2fx%n", r.jobParallelism(), r.scaling());
        }
        out.printf(Locale.ROOT, "%nbare loop per frame: %.1f ms (detect %.1f, encode %.1f, propagate %.1f, memory %.1f); "
                        + "JPEG decode %.2f ms/frame (outside the bare loop)%n", r.bareMillisPerFrame(),
                r.bareDetectMillis(), r.bareEncodeMillis(), r.barePropagateMillis(), r.bareMemoryMillis(),
                r.decodeMillisPerFrame());
        if (!Double.isNaN(r.p99LatencyMs())) {
            out.printf(Locale.ROOT, "latency paced at %.2f frames/s (80 %% of max); p99 %.0f ms = %.2fx the per-frame "
                    + "model time (%.0f ms, bare loop after the job)%n", r.pacedFps(), r.p99LatencyMs(),
                    r.p99LatencyMs() / r.modelMillisPerFrame(), r.modelMillisPerFrame());
        }
        out.printf(Locale.ROOT, "CPU per frame: bare loop %.1f ms, tracker %.1f ms (looping thread); job (p=1) %.1f ms on "
                        + "the task thread = %.2fx the bare loop's rate, %.1f ms for the whole process (Kafka broker, Flink, "
                        + "GC, JIT)%n", r.bareCpuMillis(), r.trackerCpuMillis(), r.jobTaskCpuMillis(),
                r.bareCpuMillis() / r.jobTaskCpuMillis(), r.jobProcessCpuMillis());
        out.printf(Locale.ROOT, "(job ratios are to %.2f frames/s, the bare loop run on its own right after the job)%n",
                r.bareAroundJobFps());
        out.printf(Locale.ROOT, "targets: job/bare %.2f (>= 0.90), scaling %s (>= 1.8), p99/model %s (<= 2), "
                        + "state %s (<= 5 MB)%n", r.jobToBare(), f(r.scaling(), 2),
                f(r.p99LatencyMs() / r.modelMillisPerFrame(), 2), bytes(r.stateBytesPerStream()));
    }

    /**
     * Adds the run as the last row of the table under {@link #RUNS_HEADING}, leaving the text after that table
     * where it is; adds the heading and the table's header at the end of the file when absent.
     */
    public static void appendRow(BenchResult r, Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String row = row(r) + "\n";
        int heading = text.indexOf(RUNS_HEADING);
        String updated;
        if (heading < 0) {
            String gap = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            updated = text + gap + RUNS_HEADING + "\n\n" + RUNS_HEADER + row;
        } else {
            int at = endOfRunsTable(text, heading);
            String head = text.substring(0, at);
            boolean hasTable = head.substring(heading).contains("\n|");
            if (!head.endsWith("\n")) {
                head += "\n";
            }
            updated = head + (hasTable ? row : "\n" + RUNS_HEADER + row + "\n") + text.substring(at);
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    /**
     * Where a new row goes: after the last line of the table that follows the heading, or, when the heading has
     * no table, right after the heading's line.
     */
    private static int endOfRunsTable(String text, int heading) {
        int lineStart = text.indexOf('\n', heading);
        if (lineStart < 0) {
            return text.length();
        }
        lineStart++;
        int afterHeading = lineStart;
        boolean inTable = false;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            int next = lineEnd < 0 ? text.length() : lineEnd + 1;
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            if (line.startsWith("|")) {
                inTable = true;
            } else if (inTable || line.startsWith("#")) {
                return inTable ? lineStart : afterHeading;
            }
            lineStart = next;
        }
        return inTable ? text.length() : afterHeading;
    }

    static String row(BenchResult r) {
        return String.format(Locale.ROOT, "| %s | %d cores, %.0f GiB | %.1f–%.1f | %d × %d, %dx%d, %d frames | %s, batch %s | %s | %s | "
                        + "%s (%s) | %s (%s) | %s | %s / %s | %s | %s | %d / %d / %d | %s / %s / %s / %s |",
                r.date(), r.cores(), r.memoryGiB(), r.loadBefore(), r.loadAfter(), r.streams(), r.objects(), r.width(),
                r.height(), r.frames(), r.provider(), batch(r), f(r.bareFps(), 2), f(r.bareAfterJobFps(), 2), f(r.trackerFps(), 2), f(r.trackerToBare(), 2),
                f(r.jobFps(), 2), f(r.jobFps() / r.bareAroundJobFps(), 2),
                Double.isNaN(r.scaling()) ? r.jobParallelism() + ": –" : r.jobParallelism() + ": " + f(r.scaling(), 2) + "×",
                f(r.p50LatencyMs(), 0), f(r.p99LatencyMs(), 0), f(r.modelMillisPerFrame(), 1),
                bytes(r.stateBytesPerStream()), r.bareGcMillis(), r.trackerGcMillis(), r.jobGcMillis(),
                f(r.bareCpuMillis(), 0), f(r.trackerCpuMillis(), 0), f(r.jobTaskCpuMillis(), 0),
                f(r.jobProcessCpuMillis(), 0));
    }

    /** BENCHMARKS.md in {@code start} or the nearest parent that has one; null if none. */
    public static Path findBenchmarksFile(Path start) {
        Path dir = start.toAbsolutePath();
        while (dir != null) {
            Path f = dir.resolve("BENCHMARKS.md");
            if (Files.isRegularFile(f)) {
                return f;
            }
            dir = dir.getParent();
        }
        return null;
    }

    private static String batch(BenchResult r) {
        return r.trackerBatchSize() == 0 ? "all" : String.valueOf(r.trackerBatchSize());
    }

    private static String f(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }

    private static String bytes(long b) {
        return b >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", b / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.0f KB", b / 1024.0);
    }
}
