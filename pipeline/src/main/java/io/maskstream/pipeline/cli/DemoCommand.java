package io.maskstream.pipeline.cli;

import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.pipeline.demo.Demo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskstream demo}: the main job on its embedded default, start to finish. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole product locally: embedded Kafka broker, reference models, a synthetic scene "
                + "replayed into Kafka, the tracking job on a Flink MiniCluster (RocksDB), results in out/demo. "
                + "With --source: any video file, URL or webcam:N through the coco kit (NanoDet, COCO concepts).")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "mixed", description = "Synthetic scenario (${COMPLETION-CANDIDATES}).",
            completionCandidates = ScenarioNames.class)
    String scenario;

    @Option(names = "--source", description = "A video file, RTSP/HTTP URL or webcam:N to track with the coco kit "
            + "instead of a synthetic scene.")
    String source;

    @Option(names = "--concepts", split = ",", defaultValue = CocoKitPreset.DEFAULT_CONCEPTS,
            description = "With --source: COCO concepts to track, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> concepts;

    @Option(names = "--frames", description = "Frames to generate (default: the scenario's own length); with "
            + "--source, frames to read (default: the whole video).")
    Integer frames;

    @Option(names = "--out", defaultValue = "out/demo", description = "Output directory.")
    Path out;

    @Option(names = "--instruction", paramLabel = "TEXT", description = "Follow this "
            + "instruction (docs/instructions.md), e.g. \"the leftmost red object\"; repeatable. Output objects list "
            + "the instructions they satisfy.")
    List<String> instructions;

    @Option(names = "--png-every", defaultValue = "60", description = "Write a PNG still every N frames.")
    int pngEvery;

    @Override
    public Integer call() throws Exception {
        for (String instruction : instructions == null ? List.<String>of() : instructions) {
            try {
                io.maskstream.operators.tracking.instruction.InstructionParser.parse(instruction);
            } catch (io.maskstream.operators.tracking.instruction.InstructionSyntaxException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--instruction '" + instruction + "': " + e.getMessage());
            }
        }
        if (source != null) {
            Demo.Result r = Demo.runSource(new Demo.SourceSettings(source, concepts, frames == null ? 0 : frames, out,
                    pngEvery, instructions), System.out);
            System.out.println();
            System.out.printf("frames in %d, out %d | %d stream | %d objects | %.1f fps (incl. job start), %.1f "
                            + "after the first output | state %.1f KB/stream | no HOTA: a video has no ground truth%n",
                    r.framesIn(), r.framesOut(), r.streams(), r.objects(), r.fps(), r.steadyFps(),
                    r.stateBytesPerStream() / 1024.0);
            System.out.println("results in " + r.outDir().toAbsolutePath()
                    + " (masklets.jsonl, results.ytvis.json, overlay.mp4, stills, metrics.json)");
            return r.framesOut() == r.framesIn() ? 0 : 1;
        }
        int n = frames != null ? frames : Scenarios.defaultFrames(scenario);
        Demo.Result r = Demo.run(new Demo.Settings(scenario, n, out, pngEvery, instructions), System.out);
        System.out.println();
        System.out.printf("frames in %d, out %d | %d stream | %d objects | %.1f fps (incl. job start) | "
                        + "state %.1f KB/stream | HOTA %.3f | IDF1 %.3f%n",
                r.framesIn(), r.framesOut(), r.streams(), r.objects(), r.fps(), r.stateBytesPerStream() / 1024.0,
                r.hota(), r.idf1());
        System.out.println("results in " + r.outDir().toAbsolutePath()
                + " (masklets.jsonl, results.ytvis.json, overlay.mp4, stills, metrics.json, scene/)");
        return r.framesOut() == r.framesIn() ? 0 : 1;
    }

    /** Scenario names for --help. */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Scenarios.names().iterator();
        }
    }
}
