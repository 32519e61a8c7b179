package io.maskstream.pipeline.cli;

import io.maskstream.pipeline.scene.SceneExport;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream scene}: writes a synthetic scenario as MP4 with MOTS and YouTube-VIS ground truth. */
@Command(
        name = "scene",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a synthetic scene: a video and its ground truth.",
            "Writes NAME.mp4 (H.264 via libopenh264, else MPEG-4), NAME.mots.txt and NAME.ytvis.json",
            "(ground truth) and seqinfo.ini into --out.",
            "Scenarios: crossing, occlusion, enter-leave, distractor, fast, crowd, flicker, scale, mixed."
        })
public class SceneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", description = "Scenario name (see --list).")
    String scenario;

    @Option(names = "--frames", defaultValue = "0", description = "Frame count; 0 = the scenario's default.")
    int frames;

    @Option(names = "--out", description = "Output folder.")
    Path out;

    @Option(names = "--width", defaultValue = "320", description = "Frame width (even). Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "240", description = "Frame height (even). Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--list", description = "List the scenario names and exit.")
    boolean list;

    public SceneCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            Scenarios.names().forEach(o::println);
            o.flush();
            return 0;
        }
        if (scenario == null || out == null) {
            spec.commandLine().getErr().println("--scenario and --out are required (or --list)");
            return 2;
        }
        SyntheticScene scene;
        try {
            scene = Scenarios.create(scenario, new SceneSettings(width, height, frames, seed));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        long start = System.nanoTime();
        SceneExport.Written w = SceneExport.write(scene, out);
        o.printf("%s: %d frames %dx%d, %d objects (%s), codec %s, %.1f s%n", scene.name(), w.frames(), width, height,
                scene.objects().size(), String.join(", ", scene.concepts()), w.codec(),
                (System.nanoTime() - start) / 1e9);
        o.println("  video        " + w.video());
        o.println("  MOTS         " + w.mots());
        o.println("  YouTube-VIS  " + w.youTubeVis());
        o.flush();
        return 0;
    }
}
