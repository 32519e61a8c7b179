package io.maskstream.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.kit.coco.CocoKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.pipeline.bench.Bench;
import io.maskstream.pipeline.bench.BenchReport;
import io.maskstream.pipeline.bench.BenchResult;
import io.maskstream.pipeline.bench.BenchSettings;
import io.maskstream.pipeline.bench.HarnessSettings;
import io.maskstream.pipeline.bench.VideoBenchSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maskstream bench}: the bare model loop, the tracker and the full job, in one process and one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure, in one run, over the same frames and reference models: the bare model loop (the "
                + "limit), the tracker without Flink, and the full job on a Flink MiniCluster with a real Kafka broker "
                + "in its own process (max rate, then paced at 80 %% for latency in each delivery mode). Prints one "
                + "table; with --record also appends a dated row to the recorded runs of BENCHMARKS.md. With --kit coco "
                + "--source FILE: the same over one stream of a real video with the coco kit, as 'demo --source' "
                + "runs it.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--streams", defaultValue = "1", description = "Streams (cameras). Default: ${DEFAULT-VALUE}.")
    int streams;

    @Option(names = "--kit", defaultValue = ModelKits.MANIFEST, description = "Model kit: " + ModelKits.MANIFEST
            + " (the reference models on synthetic grid scenes) or " + CocoKit.NAME + " (NanoDet with classical "
            + "propagation on --source). Default: ${DEFAULT-VALUE}.")
    String kit;

    @Option(names = "--source", description = "With --kit " + CocoKit.NAME + ": the video file, URL or webcam:N to "
            + "measure on, decoded once up front.")
    String source;

    @Option(names = "--frames", description = "Frames per stream. Default: " + FRAMES + "; with --kit "
            + CocoKit.NAME + ", the whole video.")
    Integer frames;

    private static final int FRAMES = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--objects", defaultValue = "10", description = "Objects per scene (masklets per stream). "
            + "Default: ${DEFAULT-VALUE}.")
    int objects;

    @Option(names = "--size", defaultValue = "320x240", description = "Frame size WxH. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (cuda needs the "
            + "'cuda' Maven profile build). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--parallelism", description = "Subtasks of the tracking operator (default: min(streams, cores)); "
            + "above 1 the job also runs at 1 subtask for the scaling ratio.")
    Integer parallelism;

    @Option(names = "--tracker-batch-size", defaultValue = "0", description = "model.tracker-batch-size: masklets "
            + "per propagation call, 0 = all in one call. Default: ${DEFAULT-VALUE}.")
    int trackerBatchSize;

    @Option(names = "--detector-max-batch", split = ",", defaultValue = "1", description = "stream.detector-max-batch: "
            + "frames of different streams of a subtask per detector call; several values (e.g. 1,2,4) add a max-rate "
            + "job run per further value, reported as a ratio to the first. Use --parallelism 1 to put every stream "
            + "on one subtask. Default: ${DEFAULT-VALUE}.")
    java.util.List<Integer> detectorMaxBatches;

    @Option(names = "--no-latency", description = "Skip the paced latency runs.")
    boolean noLatency;

    @Option(names = "--plot", paramLabel = "FILE", description = "Write the latency of every frame over time, with "
            + "checkpoints and GC pauses, to FILE (PNG): one panel per delivery mode.")
    Path plot;

    @Option(names = "--no-pin", description = "Do not pin: by default, where taskset exists and there are at least 2 "
            + "CPUs, the broker process runs on the last CPU and the bench (bare loop, tracker, job) on the others.")
    boolean noPin;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Job configuration for the job runs, applied "
            + "after the bench's own (checkpoint every 1 s, RocksDB), e.g. --set 'job.checkpoint-interval=5 s'. "
            + "Repeatable.")
    java.util.List<String> jobSettings = new java.util.ArrayList<>();

    @Option(names = "--cold-start", description = "Start the paced runs' camera 3 s after the job is RUNNING, not "
            + "when the job has answered its first frames: the frames sent meanwhile queue up, as when a job starts "
            + "while the camera is live.")
    boolean coldStart;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--record", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Also append the run as a dated row to the recorded runs of BENCHMARKS.md (found in the "
                    + "working directory or a parent), or of FILE. Off by default: the report goes to stdout only.")
    String record;

    /**
     * Prints the run (table, or JSON with {@code --json}) to {@code out}, and appends its row to the recorded runs
     * when asked ({@code --record}); {@code notes} gets where the row went.
     */
    void report(BenchResult r, Path workingDir, PrintStream out, PrintStream notes) throws Exception {
        if (json) {
            ObjectMapper m = new ObjectMapper();
            out.println(m.writeValueAsString(r.toJson(m)));
        } else {
            BenchReport.printTable(r, out);
        }
        Path file = recordTarget(workingDir);
        if (file != null) {
            BenchReport.appendRow(r, file);
            notes.println("row appended to " + file);
        }
    }

    /** The file this run's row goes to, or null when the run is not recorded. */
    Path recordTarget(Path workingDir) {
        if (record == null) {
            return null;
        }
        return record.isEmpty() ? BenchReport.findBenchmarksFile(workingDir) : Path.of(record);
    }

    /**
     * The video run {@code --kit} {@value CocoKit#NAME} asks for, or null for the synthetic run of the manifest kit;
     * a usage error for an unknown kit, a kit without its source, or options the other kit's run takes.
     */
    VideoBenchSettings videoSettings() {
        if (kit.equals(ModelKits.MANIFEST)) {
            if (source != null) {
                throw usage("--source needs --kit " + CocoKit.NAME + " (the " + ModelKits.MANIFEST
                        + " kit runs on synthetic scenes)");
            }
            return null;
        }
        if (!kit.equals(CocoKit.NAME)) {
            throw usage("--kit: unknown kit '" + kit + "' (known: " + ModelKits.MANIFEST + ", " + CocoKit.NAME + ")");
        }
        if (source == null) {
            throw usage("--kit " + CocoKit.NAME + " needs --source FILE (a video to measure on)");
        }
        if (record != null || json) {
            throw usage("--record and --json take the synthetic run of --kit " + ModelKits.MANIFEST + " only");
        }
        return new VideoBenchSettings(source, frames == null ? 0 : frames, device);
    }

    HarnessSettings harness() {
        return new HarnessSettings(!noPin, plot, jobSettings, coldStart);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        VideoBenchSettings video = videoSettings();
        if (video != null) {
            Bench.runVideo(video, !noLatency, harness(), System.out);
            return 0;
        }
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size must be WxH, got '" + size + "'");
        }
        int p = parallelism != null ? parallelism : Math.min(streams, Runtime.getRuntime().availableProcessors());
        BenchSettings s = new BenchSettings(streams, frames == null ? FRAMES : frames, objects, Integer.parseInt(wh[0].trim()),
                Integer.parseInt(wh[1].trim()), device, p, !noLatency, true, trackerBatchSize,
                detectorMaxBatches);
        PrintStream log = json ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
        BenchResult r = Bench.run(s, harness(), json ? System.err : log);
        report(r, Path.of("").toAbsolutePath(), System.out, json ? System.err : System.out);
        return 0;
    }
}
