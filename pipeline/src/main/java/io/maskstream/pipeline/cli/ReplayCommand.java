package io.maskstream.pipeline.cli;

import io.maskstream.connectors.kafka.KafkaOptions;
import io.maskstream.connectors.kafka.KafkaStartupCheck;
import io.maskstream.connectors.replay.ConsoleProgress;
import io.maskstream.connectors.replay.FrameReplayer;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.connectors.replay.KafkaFrameSink;
import io.maskstream.connectors.replay.Pacing;
import io.maskstream.connectors.replay.ReplayGroup;
import io.maskstream.connectors.replay.ReplayResult;
import io.maskstream.connectors.replay.ReplaySettings;
import io.maskstream.connectors.replay.SourceSpec;
import io.maskstream.connectors.replay.SourcesFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream replay}: video sources → frame records on Kafka. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays video into the frames topic as JPEG frame records keyed by stream id.",
            "SRC: a video file, an rtsp:// or http:// URL, webcam:N, a folder of images, or scene:NAME",
            "(a synthetic scenario, e.g. scene:crowd?frames=300). Repeat --source/--stream-id, or give",
            "--sources FILE (a YAML list of {source, stream-id, fps, loop, jpeg-quality, max-frames})."
        })
public class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", description = "A source; repeat for several streams.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--stream-id", description = "The stream id of each --source, in the same order.")
    List<String> streamIds = new ArrayList<>();

    @Option(names = "--sources", description = "A YAML list of sources instead of --source/--stream-id.")
    Path sourcesFile;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--topic", defaultValue = ReplaySettings.DEFAULT_TOPIC, description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--fps", defaultValue = "native", description = "native, max or frames per second. Default: ${DEFAULT-VALUE}.")
    String fps;

    @Option(names = "--loop", description = "Start a file again at its end (a new stream epoch).")
    boolean loop;

    @Option(names = "--jpeg-quality", defaultValue = "90", description = "1..100. Default: ${DEFAULT-VALUE}.")
    int jpegQuality;

    @Option(names = "--max-frames", defaultValue = "0", description = "Stop each stream after N frames (0: no limit).")
    long maxFrames;

    @Option(names = "--create-topics", description = "Create the topic if it is missing (broker defaults).")
    boolean createTopics;

    @Option(names = "--timeout", description = "How long the broker may take to answer at start. Default: ${DEFAULT-VALUE}.")
    String timeout = TimeUtils.formatWithHighestUnit(KafkaOptions.STARTUP_CHECK_TIMEOUT.defaultValue());

    public ReplayCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<SourceSpec> specs = new ArrayList<>();
        if (sourcesFile != null) {
            specs.addAll(SourcesFile.read(sourcesFile));
        }
        if (sources.size() != streamIds.size()) {
            err.println("give one --stream-id per --source (" + sources.size() + " sources, " + streamIds.size()
                    + " stream ids)");
            return 2;
        }
        for (int i = 0; i < sources.size(); i++) {
            specs.add(SourceSpec.of(sources.get(i), streamIds.get(i)));
        }
        if (specs.isEmpty()) {
            err.println("nothing to replay: give --source and --stream-id, or --sources FILE");
            return 2;
        }
        if (specs.stream().map(SourceSpec::streamId).distinct().count() != specs.size()) {
            err.println("stream ids must be distinct");
            return 2;
        }
        ReplaySettings base = ReplaySettings.of("unused")
                .withTopic(topic)
                .withPacing(Pacing.parse(fps))
                .withLoop(loop)
                .withJpegQuality(jpegQuality)
                .withMaxFrames(maxFrames);

        Duration wait;
        try {
            wait = TimeUtils.parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            err.println("--timeout expects a duration such as 15s or 500ms, got '" + timeout + "'");
            return 2;
        }
        List<String> created = new KafkaStartupCheck(bootstrap, Map.of(), wait)
                .check(List.of(topic), createTopics, "create it (deploy/local/kafka.sh create-topics) or give --create-topics");
        if (!created.isEmpty()) {
            spec.commandLine().getOut().println("created topic " + String.join(", ", created));
        }

        List<FrameSource> opened = new ArrayList<>();
        try (Producer<String, byte[]> producer = KafkaFrameSink.createProducer(bootstrap, Map.of())) {
            Map<String, Long> expected = new TreeMap<>();
            List<ReplaySettings> settings = new ArrayList<>();
            for (SourceSpec s : specs) {
                FrameSource source = FrameSources.open(s.source());
                opened.add(source);
                ReplaySettings rs = s.apply(base);
                settings.add(rs);
                long hint = source.frameCountHint();
                long limit = rs.maxFrames();
                expected.put(rs.streamId(), rs.loop() ? limit : limit > 0 && hint > 0 ? Math.min(limit, hint)
                        : Math.max(limit, hint));
            }
            ConsoleProgress progress =
                    new ConsoleProgress(spec.commandLine().getOut(), System.console() != null, expected);
            List<FrameReplayer> replayers = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                replayers.add(new FrameReplayer(opened.get(i), new KafkaFrameSink(producer, settings.get(i).topic()),
                        settings.get(i), progress));
            }
            ReplayGroup group = new ReplayGroup(replayers);
            CountDownLatch finished = new CountDownLatch(1);
            // On Ctrl-C: end every stream with its end-of-stream marker before the JVM exits.
            Thread stopper = new Thread(() -> {
                group.stop();
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "replay-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                List<ReplayResult> results = group.run();
                long missing = results.stream().mapToLong(r -> r.records() - r.acked()).sum();
                return missing == 0 ? 0 : 1;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: nothing to remove
                }
            }
        } finally {
            opened.forEach(FrameSource::close);
        }
    }
}
