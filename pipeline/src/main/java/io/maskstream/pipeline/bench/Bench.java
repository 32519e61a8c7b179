package io.maskstream.pipeline.bench;

import io.maskstream.connectors.kafka.DeliveryMode;
import io.maskstream.connectors.replay.ReplaySettings;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.operators.stream.ModelTimings;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * One bench run, in one process: the bare model loop (the limit), the tracker without Flink, the full
 * job on a MiniCluster with a real Kafka broker — over the same frames and the same reference models.
 */
public final class Bench {
    private Bench() {}

    public static BenchResult run(BenchSettings s, HarnessSettings h, PrintStream log) throws Exception {
        double loadBefore = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        CpuPinning pinning = h.pin() ? CpuPinning.apart(cores) : CpuPinning.NONE;
        pinning.pinThisProcess();
        Path work = Files.createTempDirectory("maskstream-bench-");
        try {
            Path modelDir = work.resolve("models");
            ReferenceModels.build(modelDir);
            Configuration conf = new Configuration();
            conf.setString(InferenceOptions.DEVICE.key(), s.device());
            conf.setString(InferenceOptions.TRACKER_BATCH_SIZE.key(), String.valueOf(s.trackerBatchSize()));
            TrackerSettings tracking = TrackerOptions.from(conf);
            spendFirstSessionFlush(modelDir, InferenceOptions.settings(conf));
            log.printf("bench   %d stream(s) x %d frames, %d objects, %dx%d, device %s, tracker batch size %s, "
                            + "detector max batch %s%n",
                    s.streams(), s.frames(), s.objects(), s.width(), s.height(), s.device(),
                    s.trackerBatchSize() == 0 ? "all" : String.valueOf(s.trackerBatchSize()), s.detectorMaxBatches());
            log.printf("cpus    %d; %s%n", cores, pinning.describe());
            BenchInputs in = BenchInputs.create(s);
            log.printf("inputs  grid scenes, concepts %s, JPEG decode %.2f ms/frame%n", in.concepts,
                    in.decodeMillisPerFrame);

            BareModelLoop.Result bare;
            TrackerStage.Result tracker;
            long bareGc, trackerGc;
            String provider;
            try (ModelBundle models = ModelBundle.open(modelDir, InferenceOptions.settings(conf))) {
                provider = models.provider();
                InferenceSettings is = InferenceOptions.settings(conf);
                log.printf("models  reference models, provider %s, tracker batch axis %s, intra-op threads %d, "
                                + "inter-op threads %d, spinning %s, denormal flush only on ONNX Runtime's pool threads%n",
                        provider, models.manifest().tracker().batchAxis(), is.intraOpThreadCount(), is.interOpThreads(),
                        is.allowSpinning() ? "on" : "off");
                Measured m = bareAndTracker(models, in, tracking, s.objects(), false, log);
                bare = m.bare();
                tracker = m.tracker();
                bareGc = m.bareGc();
                trackerGc = m.trackerGc();
            }

            JobStage.Throughput job;
            JobStage.Throughput one = null;
            BareModelLoop.Result bareAfter;
            LatencyRun.Distribution latency = null;
            double pace = Double.NaN;
            try (JobStage jobs = new JobStage(modelDir, work, s.device(), s.trackerBatchSize(),
                    tracking.confirmationDelay(), s.detectorMaxBatches().get(0), pinning, h)) {
                job = jobs.maxRate(in, s.parallelism());
                logJob(job, log);
                for (int b : s.detectorMaxBatches().subList(1, s.detectorMaxBatches().size())) {
                    JobStage.Throughput batched = jobs.maxRate(in, s.parallelism(), b);
                    log.printf("job     %.2f frames/s at %d subtask(s) with detector max batch %d: %.2fx max batch %d; "
                                    + "CPU per frame %.1f ms on the task thread(s); %d of %d frames detected in a shared "
                                    + "call%n", batched.fps(), batched.parallelism(), b, batched.fps() / job.fps(),
                            s.detectorMaxBatches().get(0), batched.taskCpuMillisPerFrame(),
                            batched.framesDetectedInBatch(), (long) s.streams() * s.frames());
                }
                if (s.scaling() && s.parallelism() > 1) {
                    one = jobs.maxRate(in, 1);
                    log.printf("job     %.2f frames/s at 1 subtask: scaling %.2fx; CPU per frame %.1f ms on the task "
                                    + "thread, %.1f ms in the process%n", one.fps(), job.fps() / one.fps(),
                            one.taskCpuMillisPerFrame(), one.processCpuMillisPerFrame());
                }
                // The bare loop again right after the job's max-rate run(s): the job's ratio is taken against
                // the mean of the bare loop before and after it, which cancels a steady drift of the load.
                try (ModelBundle models = ModelBundle.open(modelDir, InferenceOptions.settings(conf))) {
                    bareAfter = bareLoop(models, in, tracking, s.objects(), false);
                }
                log.printf("bare    %.2f frames/s after the job (%.2f before)%n", bareAfter.fps(), bare.fps());
                if (s.latency()) {
                    pace = BenchSettings.LATENCY_LOAD * job.fps();
                    List<LatencyRun> runs = latencyRuns(jobs, in, s.parallelism(), pace, h.plot(),
                            String.format(java.util.Locale.ROOT, "maskstream bench, %d stream(s) x %d objects, %s",
                                    s.streams(), s.objects(), LocalDate.now()), log);
                    latency = runs.get(0).distribution(LatencyRun.Stage.UNCOMMITTED);
                }
            }
            double oneFps = one == null ? Double.NaN : one.fps();
            return new BenchResult(LocalDate.now().toString(), provider, s.trackerBatchSize(), cores,
                    memoryGiB(), loadBefore, loadAverage(), s.streams(), s.frames(), s.objects(), s.width(), s.height(),
                    bare.masklets(), in.decodeMillisPerFrame,
                    bare.fps(), bareAfter.fps(), bare.modelNanos() / (double) bare.nanos(), bareGc,
                    ms(bare.detectNanos(), bare.frames()), ms(bare.encodeNanos(), bare.frames()),
                    ms(bare.propagateNanos(), bare.frames()), ms(bare.memoryNanos(), bare.frames()),
                    tracker.fps(), tracker.modelShare(), trackerGc, tracker.maxStateBytes(),
                    job.parallelism(), job.fps(), job.gcMillis(), job.stateBytes(),
                    oneFps, one == null ? Double.NaN : job.fps() / oneFps,
                    pace,
                    latency == null ? Double.NaN : latency.p50(),
                    latency == null ? Double.NaN : latency.p99(),
                    latency == null ? 0 : latency.samples(),
                    bare.cpuMillisPerFrame(), tracker.cpuMillisPerFrame(),
                    (one == null ? job : one).taskCpuMillisPerFrame(), (one == null ? job : one).processCpuMillisPerFrame());
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * One bench run of the coco kit on a real video (one stream), as {@code demo --source} runs it: the bare loop
     * through the kit's roles (the limit), the tracker without Flink and the full job at max rate, then the bare
     * loop again; the job's ratio is taken against the mean of the bare loop before and after it.
     */
    public static void runVideo(VideoBenchSettings s, boolean latency, HarnessSettings h, PrintStream log)
            throws Exception {
        double loadBefore = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        CpuPinning pinning = h.pin() ? CpuPinning.apart(cores) : CpuPinning.NONE;
        pinning.pinThisProcess();
        Path work = Files.createTempDirectory("maskstream-bench-");
        try {
            List<String> settings = new ArrayList<>(CocoKitPreset.SETTINGS);
            settings.add("model.device=" + s.device());
            Configuration conf = MaskstreamConfig.load(null, settings);
            TrackerSettings tracking = TrackerOptions.from(conf);
            spendFirstSession(() -> ModelKits.open(conf).close());
            BenchInputs in = BenchInputs.fromVideo(s.source(), s.frames());
            if (in.frameCount() < VIDEO_MIN_FRAMES) {
                throw new IllegalArgumentException("need at least " + VIDEO_MIN_FRAMES + " frames, " + s.source()
                        + " gave " + in.frameCount());
            }
            RgbImage first = in.decoded.get(0).get(0);
            log.printf("bench   kit %s, 1 stream x %d frames of %s, %dx%d, device %s%n",
                    conf.get(InferenceOptions.MODEL_KIT), in.frameCount(), s.source(), first.width(), first.height(),
                    s.device());
            log.printf("inputs  concepts %s, JPEG (quality %d) decode %.2f ms/frame%n", in.concepts,
                    ReplaySettings.DEFAULT_JPEG_QUALITY, in.decodeMillisPerFrame);
            log.printf("cpus    %d; %s%n", cores, pinning.describe());
            BareModelLoop.Result bare;
            try (ModelKit models = ModelKits.open(conf)) {
                log.printf("models  provider %s%n", models.provider());
                bare = bareAndTracker(models, in, tracking, Integer.MAX_VALUE, true, log).bare();
            }
            JobStage.Throughput job;
            BareModelLoop.Result bareAfter;
            try (JobStage jobs = new JobStage(CocoKitPreset.SETTINGS, work, s.device(), 0,
                    tracking.confirmationDelay(), 1, pinning, h)) {
                job = jobs.maxRate(in, 1);
                logJob(job, log);
                if (latency) {
                    latencyRuns(jobs, in, 1, BenchSettings.LATENCY_LOAD * job.fps(), h.plot(),
                            "maskstream bench --kit coco, " + s.source() + ", " + LocalDate.now(), log);
                }
            }
            try (ModelKit models = ModelKits.open(conf)) {
                bareAfter = bareLoop(models, in, tracking, Integer.MAX_VALUE, true);
            }
            log.printf("bare    %.2f frames/s after the job (%.2f before)%n", bareAfter.fps(), bare.fps());
            double bareMean = (bare.fps() + bareAfter.fps()) / 2;
            log.printf("result  job %.2f frames/s = %.2fx the bare loop (%.2f frames/s, mean of before and after); "
                            + "state %d bytes/stream; load average %.2f before, %.2f after, %d cores%n", job.fps(),
                    job.fps() / bareMean, bareMean, job.stateBytes(), loadBefore, loadAverage(),
                    cores);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The job paced at {@code fps} once in each delivery mode (exactly-once first), each run's latency table
     * printed, and the plot of both written to {@code plot} unless null.
     */
    private static List<LatencyRun> latencyRuns(JobStage jobs, BenchInputs in, int parallelism, double fps, Path plot,
                                                String title, PrintStream log) throws Exception {
        List<LatencyRun> runs = new ArrayList<>();
        for (DeliveryMode mode : DeliveryMode.values()) {
            LatencyRun run = jobs.paced(in, parallelism, fps, mode, log);
            run.print(log);
            runs.add(run);
        }
        if (plot != null) {
            LatencyPlot.write(runs, title, plot);
            log.printf("plot    %s%n", plot);
        }
        return runs;
    }

    /** Frames {@link #runVideo} needs at least: the warm-up, then enough past the confirmation delay to time. */
    static final int VIDEO_MIN_FRAMES = 40;

    private static void logJob(JobStage.Throughput job, PrintStream log) {
        log.printf("job     %.2f frames/s at %d subtask(s) (%.1f s wall, %d outputs), state %d bytes/stream, CPU "
                        + "per frame %.1f ms on the task thread(s), %.1f ms in the process%n",
                job.fps(), job.parallelism(), job.seconds(), job.outputs(), job.stateBytes(),
                job.taskCpuMillisPerFrame(), job.processCpuMillisPerFrame());
        log.printf("        CPU per frame by thread (ms): %s%n", job.cpuByThreadKind());
    }

    /** What the bare loop and the tracker measured, frame by frame alternately. */
    private record Measured(BareModelLoop.Result bare, TrackerStage.Result tracker, long bareGc, long trackerGc) {}

    /**
     * Warm-up (JIT, ONNX Runtime arenas) on a throwaway loop, then the bare loop and the tracker alternate frame
     * by frame, so that a change in the machine's load hits both alike; prints a line for each.
     */
    private static Measured bareAndTracker(ModelKit models, BenchInputs in, TrackerSettings tracking, int maxMasklets,
                                           boolean growWithDetections, PrintStream log) throws Exception {
        BareModelLoop warmUp = new BareModelLoop(models, in.decoded, in.concepts,
                tracking.newDetectionThreshold(), maxMasklets, growWithDetections);
        for (int f = 0; f < Math.min(BenchSettings.WARM_UP_FRAMES, in.frameCount()); f++) {
            warmUp.step(f);
        }
        BareModelLoop bareLoop = new BareModelLoop(models, in.decoded, in.concepts,
                tracking.newDetectionThreshold(), maxMasklets, growWithDetections);
        TrackerStage trackerStage = new TrackerStage(models, tracking, in);
        long bareGcNanos = 0, trackerGcNanos = 0;
        for (int f = 0; f < in.frameCount(); f++) {
            long g0 = JobStage.Gc.millis();
            bareLoop.step(f);
            long g1 = JobStage.Gc.millis();
            trackerStage.step(f);
            long g2 = JobStage.Gc.millis();
            bareGcNanos += g1 - g0;
            trackerGcNanos += g2 - g1;
        }
        BareModelLoop.Result bare = bareLoop.result();
        TrackerStage.Result tracker = trackerStage.result();
        log.printf("bare    %.2f frames/s (%.1f ms/frame: detect %.1f, encode %.1f, propagate %.1f, memory %.1f), "
                        + "%d masklets%n", bare.fps(), bare.millisPerFrame(), ms(bare.detectNanos(), bare.frames()),
                ms(bare.encodeNanos(), bare.frames()), ms(bare.propagateNanos(), bare.frames()),
                ms(bare.memoryNanos(), bare.frames()), bare.masklets());
        ModelTimings t = tracker.timings();
        log.printf("tracker %.2f frames/s (%.2fx bare; models per frame: detect %.1f, encode %.1f, propagate "
                        + "%.1f, memory %.1f ms; %.1f masklets propagated per frame), model share %.0f %%, state %d "
                        + "bytes/stream, %.1f objects per output frame%n", tracker.fps(), tracker.fps() / bare.fps(),
                ms(t.detectNanos(), t.frames()), ms(t.encodeNanos(), t.frames()),
                ms(t.propagateNanos(), t.frames()), ms(t.memoryNanos(), t.frames()),
                t.propagatedMasklets() / (double) Math.max(1, t.frames()), 100 * tracker.modelShare(), tracker.maxStateBytes(),
                tracker.outputObjects() / (double) Math.max(1, tracker.outputFrames()));
        return new Measured(bare, tracker, bareGcNanos, trackerGcNanos);
    }

    /** The bare loop once over every frame. */
    private static BareModelLoop.Result bareLoop(ModelKit models, BenchInputs in, TrackerSettings tracking,
                                                 int maxMasklets, boolean growWithDetections) {
        BareModelLoop loop = new BareModelLoop(models, in.decoded, in.concepts, tracking.newDetectionThreshold(),
                maxMasklets, growWithDetections);
        for (int f = 0; f < in.frameCount(); f++) {
            loop.step(f);
        }
        return loop.result();
    }

    /**
     * ONNX Runtime sets flush-to-zero / denormals-are-zero on the thread that creates the process's first session,
     * once per process, and on its own pool threads — never on other callers' threads. A Flink task thread is
     * not that thread (it is not even the same thread after a restart), so the first session is opened and
     * closed here on a throwaway thread: the bench's main thread then runs the models under the same
     * conditions as the job's task threads, and the bare loop is a limit the job can reach.
     */
    static void spendFirstSessionFlush(Path modelDir, InferenceSettings settings) throws InterruptedException {
        spendFirstSession(() -> ModelBundle.open(modelDir, settings).close());
    }

    /** Runs {@code openAndClose} (which opens the first session) on a throwaway thread; see above. */
    private static void spendFirstSession(Runnable openAndClose) throws InterruptedException {
        Thread t = new Thread(openAndClose, "bench-first-session");
        t.start();
        t.join();
    }

    private static double ms(long nanos, long frames) {
        return nanos / 1e6 / frames;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double memoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (double) (1L << 30);
        }
        return Double.NaN;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
