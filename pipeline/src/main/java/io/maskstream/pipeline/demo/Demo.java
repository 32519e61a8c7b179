package io.maskstream.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.connectors.render.OverlayVideo;
import io.maskstream.connectors.replay.FrameReplayer;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.connectors.replay.KafkaFrameSink;
import io.maskstream.connectors.replay.Pacing;
import io.maskstream.connectors.replay.ReplayProgress;
import io.maskstream.connectors.replay.ReplayResult;
import io.maskstream.connectors.replay.ReplaySettings;
import io.maskstream.pipeline.scene.SceneSource;
import io.maskstream.connectors.results.MaskletsJsonLines;
import io.maskstream.connectors.results.YouTubeVisWriter;
import io.maskstream.pipeline.scene.SceneExport;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.flink.MaskletTrackingFunction;
import io.maskstream.state.image.RgbImage;
import io.maskstream.kit.reference.NamedColour;
import io.maskstream.kit.reference.ReferenceKit;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.eval.MetricsReport;
import io.maskstream.pipeline.eval.TrackingMetrics;
import io.maskstream.pipeline.eval.TrackingSequences;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.KafkaTrackingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The embedded default, end to end and for real: a Kafka broker in this JVM, the reference kit, a
 * synthetic scene replayed into Kafka, the tracking job on a MiniCluster with RocksDB until end of stream, the output read back with read_committed, written as files and
 * scored against the scene's ground truth.
 */
public final class Demo {
    /** What to run; {@code instructions} are sent as prompts before the frames (docs/instructions.md). */
    public record Settings(String scenario, int frames, Path outDir, int pngEvery, List<String> instructions) {
        public Settings {
            instructions = instructions == null ? List.of() : List.copyOf(instructions);
        }

        public Settings(String scenario, int frames, Path outDir, int pngEvery) {
            this(scenario, frames, outDir, pngEvery, List.of());
        }
    }

    /** What came out. */
    /**
     * What came out. {@code fps} counts from the job's submission; {@code steadyFps} from the first
     * committed output to the last, so without the job's start-up (to within a checkpoint interval).
     */
    public record Result(
            long framesIn, long framesOut, int streams, int objects, double fps, double steadyFps,
            long stateBytesPerStream, double hota, double idf1, Path outDir) {}

    private static final String STREAM_ID = "demo";

    private Demo() {}

    public static Result run(Settings s, PrintStream log) throws Exception {
        Path out = s.outDir();
        return withBroker(out, log, (kafka, work) -> {

            log.println("models  " + ReferenceKit.NAME + " kit: the synthetic scenes' hand-built ONNX models");

            SyntheticScene scene = Scenarios.create(s.scenario(), SceneSettings.defaults().withFrameCount(s.frames()));
            SceneExport.Written written = SceneExport.write(scene, out.resolve("scene"));
            log.println("scene   '" + s.scenario() + "': " + scene.frameCount() + " frames " + scene.width() + "x"
                    + scene.height() + ", concepts " + scene.concepts() + " (video " + written.codec() + ")");

            ReplayResult replayed;
            try (var producer = KafkaFrameSink.createProducer(kafka.bootstrapServers(), java.util.Map.of());
                    SceneSource source = new SceneSource(scene)) {
                sendInstructions(producer, s.instructions(), log);
                replayed = new FrameReplayer(source, new KafkaFrameSink(producer, "frames"),
                        ReplaySettings.of(STREAM_ID).withPacing(Pacing.max()), ReplayProgress.NONE).run();
            }
            log.println("replay  " + replayed.frames() + " frames + " + replayed.markers() + " marker(s) into 'frames'");

            Configuration conf = MaskstreamConfig.load(null, List.of(
                    "model.kit=" + ReferenceKit.NAME,
                    "stream.default-concepts=" + String.join(";", scene.concepts())));
            JobRun run = runJob(conf, kafka, work, replayed.frames(), log);
            List<MaskletFrame> frames = run.frames();
            double seconds = run.seconds();
            Long stateBytes = run.stateBytes();
            double steadyFps = run.steadyFps();

            MaskletsJsonLines.write(out.resolve("masklets.jsonl"), frames);
            reportInstructions(frames, s.instructions(), log);
            YouTubeVisWriter.writeResults(out.resolve("results.ytvis.json"), 1, scene.frameCount(), frames,
                    NamedColour.concepts());
            OverlayVideo.Result overlay = OverlayVideo.render(new SceneSource(scene), frames,
                    out.resolve("overlay.mp4"), scene.fps(), s.pngEvery());
            log.println("render  overlay.mp4 (" + overlay.frames() + " frames, " + overlay.codec() + "), "
                    + overlay.stills() + " stills");

            MetricsReport quality = TrackingMetrics.evaluate(
                    TrackingSequences.ofMaskletFrames(SceneGroundTruth.maskletFrames(scene, STREAM_ID), scene.frameCount()),
                    TrackingSequences.ofMaskletFrames(frames, scene.frameCount()));
            Result result = new Result(replayed.frames(), frames.size(), 1, distinctIds(frames), frames.size() / seconds,
                    steadyFps, stateBytes == null ? 0 : stateBytes, quality.hota(), quality.idf1(), out);
            writeMetrics(out.resolve("metrics.json"), result, quality);
            return result;
        });
    }

    /** Sends each instruction as an {@code add-instruction} prompt applying from frame 0. */
    private static void sendInstructions(org.apache.kafka.clients.producer.Producer<String, byte[]> producer,
                                         List<String> instructions, PrintStream log) throws Exception {
        for (String instruction : instructions) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("prompts", STREAM_ID,
                    PromptCommandJson.encode(PromptCommand.addInstruction(STREAM_ID, instruction, null, 0L)))).get();
            log.println("prompt  instruction '" + instruction + "' into 'prompts'");
        }
    }

    private static void reportInstructions(List<MaskletFrame> frames, List<String> instructions, PrintStream log) {
        for (String instruction : instructions) {
            long selecting = frames.stream()
                    .filter(f -> f.objects().stream().anyMatch(o -> o.instructions().contains(instruction))).count();
            log.println("follow  '" + instruction + "': objects selected on " + selecting + " of " + frames.size()
                    + " frames (\"instructions\" in masklets.jsonl)");
        }
    }

    /** What to run on a video: a file, URL or webcam ({@code webcam:N}) through the coco kit. */
    public record SourceSettings(String source, List<String> concepts, long frames, Path outDir, int pngEvery,
                                 List<String> instructions) {
        public SourceSettings {
            instructions = instructions == null ? List.of() : List.copyOf(instructions);
        }

        public SourceSettings(String source, List<String> concepts, long frames, Path outDir, int pngEvery) {
            this(source, concepts, frames, outDir, pngEvery, List.of());
        }
    }

    /**
     * A video replayed into the embedded broker and tracked by the job with the coco kit
     * ({@code model.kit=coco}); the same files as the synthetic demo except the quality scores, which
     * need ground truth a video does not have. {@code frames} 0 reads the whole video.
     */
    public static Result runSource(SourceSettings s, PrintStream log) throws Exception {
        Path out = s.outDir();
        return withBroker(out, log, (kafka, work) -> {
            ReplayResult replayed;
            double fps;
            boolean live;
            try (var producer = KafkaFrameSink.createProducer(kafka.bootstrapServers(), java.util.Map.of());
                    FrameSource source = FrameSources.open(s.source())) {
                fps = Double.isNaN(source.fps()) ? 10.0 : source.fps();
                live = source.live();
                ReplaySettings replay = ReplaySettings.of(STREAM_ID).withPacing(Pacing.max());
                sendInstructions(producer, s.instructions(), log);
                replayed = new FrameReplayer(source, new KafkaFrameSink(producer, "frames"),
                        s.frames() > 0 ? replay.withMaxFrames(s.frames()) : replay, ReplayProgress.NONE).run();
            }
            log.println("replay  " + replayed.frames() + " frames of " + s.source() + " into 'frames'");
            List<String> settings = new ArrayList<>(CocoKitPreset.SETTINGS);
            settings.add("stream.default-concepts=" + String.join(";", s.concepts()));
            Configuration conf = MaskstreamConfig.load(null, settings);
            JobRun run = runJob(conf, kafka, work, replayed.frames(), log);
            List<MaskletFrame> frames = run.frames();
            MaskletsJsonLines.write(out.resolve("masklets.jsonl"), frames);
            reportInstructions(frames, s.instructions(), log);
            YouTubeVisWriter.writeResults(out.resolve("results.ytvis.json"), 1, (int) replayed.frames(), frames,
                    s.concepts());
            if (live) {
                log.println("render  skipped: a live source cannot be read a second time");
            } else {
                try (FrameSource again = new FirstFrames(FrameSources.open(s.source()), replayed.frames())) {
                    OverlayVideo.Result overlay = OverlayVideo.render(again, frames, out.resolve("overlay.mp4"), fps,
                            s.pngEvery());
                    log.println("render  overlay.mp4 (" + overlay.frames() + " frames, " + overlay.codec() + "), "
                            + overlay.stills() + " stills");
                }
            }
            Result result = new Result(replayed.frames(), frames.size(), 1, distinctIds(frames), frames.size() / run.seconds(),
                    run.steadyFps(), run.stateBytes() == null ? 0 : run.stateBytes(), Double.NaN, Double.NaN, out);
            writeMetrics(out.resolve("metrics.json"), result, null);
            return result;
        });
    }

    /** What a demo does with the embedded broker (topics created) and a working directory. */
    @FunctionalInterface
    private interface WithBroker {
        Result run(EmbeddedKafkaBroker kafka, Path work) throws Exception;
    }

    /**
     * Empties {@code out}, starts the embedded broker with the job's four topics and a temporary working
     * directory, runs {@code demo}, then stops the broker and deletes the working directory.
     */
    private static Result withBroker(Path out, PrintStream log, WithBroker demo) throws Exception {
        deleteRecursively(out);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("maskstream-demo-");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            log.println("kafka   broker on " + kafka.bootstrapServers() + " (Apache Kafka, KRaft, in-process)");
            kafka.createTopics(1, "frames", "prompts", "masklets", "frames-dlq");
            return demo.run(kafka, work);
        } finally {
            deleteRecursively(work);
        }
    }

    /** How many objects (distinct masklet ids) the output has. */
    private static int distinctIds(List<MaskletFrame> frames) {
        TreeSet<Integer> ids = new TreeSet<>();
        frames.forEach(f -> f.objects().forEach(o -> ids.add(o.id())));
        return ids.size();
    }

    private record JobRun(List<MaskletFrame> frames, double seconds, double steadyFps, Long stateBytes) {}

    /** The output read back, and the rate it was committed at from the first frame to the last. */
    private record Read(List<MaskletFrame> frames, double steadyFps) {}

    /** The tracking job on a MiniCluster over the embedded broker until end of stream; {@code conf} adds the models. */
    private static JobRun runJob(Configuration models, EmbeddedKafkaBroker kafka, Path work, long expected,
                                 PrintStream log) throws Exception {
        Configuration conf = MaskstreamConfig.load(null, List.of(
                "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "kafka.bounded=true",
                "kafka.starting-offsets=earliest",
                "kafka.group-id=maskstream-demo",
                "kafka.transactional-id-prefix=maskstream-demo-" + UUID.randomUUID(),
                "job.state-backend=rocksdb",
                "job.checkpoint-interval=1 s",
                "job.checkpoint-dir=" + work.resolve("checkpoints").toUri()));
        conf.addAll(models);
        MaskstreamConfig.validate(conf);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        KafkaTrackingJob.create(conf).build(env);
        long t0 = System.nanoTime();
        JobClient client = env.executeAsync("maskstream-demo");
        Read read = readMasklets(kafka.bootstrapServers(), (int) expected, client, log);
        List<MaskletFrame> frames = read.frames();
        JobExecutionResult job = client.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.println("job     finished: " + frames.size() + " masklet frames read back (read_committed) in "
                + String.format("%.1f", seconds) + " s");
        return new JobRun(frames, seconds, read.steadyFps(),
                job.getAccumulatorResult(MaskletTrackingFunction.MAX_STATE_BYTES_ACCUMULATOR));
    }

    /** The first frames of a source, as many as were replayed. */
    private static final class FirstFrames implements FrameSource {
        private final FrameSource source;
        private final long frames;
        private long read;

        FirstFrames(FrameSource source, long frames) {
            this.source = source;
            this.frames = frames;
        }

        @Override
        public String description() {
            return source.description();
        }

        @Override
        public double fps() {
            return source.fps();
        }

        @Override
        public boolean live() {
            return source.live();
        }

        @Override
        public RgbImage read() throws IOException {
            return read++ < frames ? source.read() : null;
        }

        @Override
        public void reopen() throws IOException {
            source.reopen();
            read = 0;
        }

        @Override
        public void close() {
            source.close();
        }
    }

    /** Reads the output topic as a consumer would while the job runs, printing progress as transactions commit. */
    private static Read readMasklets(String bootstrap, int expected, JobClient job, PrintStream log)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "maskstream-demo-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<MaskletFrame> out = new ArrayList<>();
        long lastReport = 0;
        long deadline = Long.MAX_VALUE;
        int firstCount = 0;
        long firstNanos = 0;
        long lastNanos = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("masklets"));
            while (out.size() < expected && System.nanoTime() < deadline) {
                int before = out.size();
                c.poll(Duration.ofMillis(500)).forEach(r -> out.add(MaskletFrameJson.fromJson(r.value())));
                if (out.size() > before) {
                    if (before == 0) {
                        firstCount = out.size();
                        firstNanos = System.nanoTime();
                    }
                    lastNanos = System.nanoTime();
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    log.println("job     " + out.size() + "/" + expected + " frames committed to 'masklets'");
                    lastReport = System.nanoTime();
                }
                if (deadline == Long.MAX_VALUE && job.getJobExecutionResult().isDone()) {
                    job.getJobExecutionResult().get(); // a failed job ends the demo with its cause
                    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                }
            }
        }
        double steady = lastNanos > firstNanos ? (out.size() - firstCount) / ((lastNanos - firstNanos) / 1e9) : Double.NaN;
        return new Read(out, steady);
    }

    private static void writeMetrics(Path file, Result r, MetricsReport q) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = m.createObjectNode();
        n.put("framesIn", r.framesIn());
        n.put("framesOut", r.framesOut());
        n.put("streams", r.streams());
        n.put("objects", r.objects());
        n.put("fps", Math.round(r.fps() * 10) / 10.0);
        n.put("steadyFps", Math.round(r.steadyFps() * 10) / 10.0);
        n.put("stateBytesPerStream", r.stateBytesPerStream());
        if (q == null) {
            n.put("quality", "none: the source has no ground truth, so there is no HOTA or IDF1");
        } else {
            n.put("HOTA", r.hota());
            n.put("IDF1", r.idf1());
            n.set("quality", q.toJsonNode());
        }
        Files.writeString(file, m.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
