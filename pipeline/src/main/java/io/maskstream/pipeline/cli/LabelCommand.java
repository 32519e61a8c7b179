package io.maskstream.pipeline.cli;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.kit.coco.CocoKit;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.kit.reference.ReferenceKit;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.label.LabelRun;
import io.maskstream.pipeline.label.LabelsFileException;
import io.maskstream.pipeline.label.LabellingTable;
import io.maskstream.operators.labelling.Labeller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream label}: dense masklets and semantic label maps of a whole video from weak labels. */
@Command(
        name = "label",
        mixinStandardHelpOptions = true,
        description = {
            "Labels a whole video offline from weak labels on some frames (docs/labelling.md).",
            "Boxes, clicks, scribbles and coarse masks are read; the tracker's stream session",
            "and rules run forward and backward from every labelled frame; no broker.",
            "Writes instance masklets (masklets.jsonl, MOTS, YouTube-VIS) and per-frame",
            "semantic label maps (indexed PNG: 0 background, class index, 255 unknown)",
            "with classes.json. --measure: the labelling measurements of QUALITY.md."
        })
public class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--video", description = "The video: a file, an image folder or scene:NAME.")
    String video;

    @Option(names = "--labels", description = "The weak labels, JSON lines (docs/labelling.md).")
    Path labels;

    @Option(names = "--out", description = "Output folder (created).")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "mots|ytvis|png",
            description = "What to write besides masklets.jsonl (comma-separated). Default: mots,ytvis,png.")
    List<String> formats;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "Class names, one a line; the order gives the label maps' indices 1, 2, ... Default: the classes "
                    + "in the order the labels file first names them.")
    Path classes;

    @Option(names = "--kit", defaultValue = ReferenceKit.NAME, description = "Model kit: " + ReferenceKit.NAME
            + " (the synthetic scenes; default), " + CocoKit.NAME + " (real video) or " + ModelKits.MANIFEST
            + " (the models of --set model.dir=DIR).")
    String kit;

    @Option(names = "--rounds", defaultValue = "" + Labeller.DEFAULT_ROUNDS,
            description = "Most rounds; a round after the first runs where the passes disagree between labelled frames. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one configuration key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--measure", description = "Run the labelling measurements on the synthetic scenes and print the table.")
    boolean measure;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "all|a,b,c", description = "With --measure: the scenes.")
    String scenarios;

    @Option(names = "--label-types", defaultValue = "all", paramLabel = "all|boxes,points,scribbles,coarse",
            description = "With --measure: which kinds of weak label.")
    String labelTypes;

    @Option(names = "--label-frames", defaultValue = "all", paramLabel = "all|first,10th,every",
            description = "With --measure: which frames get labels (first appearance, every 10th, every frame).")
    String labelFrames;

    public LabelCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Configuration conf = config();
        if (measure) {
            try (ModelKit models = ModelKits.open(conf)) {
                o.print(LabellingTable.markdown(models, TrackerOptions.from(conf), LabellingTable.scenes(scenarios), LabellingTable.labelTypes(labelTypes),
                        LabellingTable.labelledFrames(labelFrames), rounds,
                        line -> spec.commandLine().getErr().println(line)));
            }
            o.flush();
            return 0;
        }
        if (video == null || labels == null || out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--video, --labels and --out are required (or --measure)");
        }
        Set<LabelRun.Format> wanted = EnumSet.noneOf(LabelRun.Format.class);
        for (String f : formats == null ? List.of("mots", "ytvis", "png") : formats) {
            try {
                wanted.add(LabelRun.Format.valueOf(f.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format: unknown format '" + f + "' (known: mots, ytvis, png)");
            }
        }
        List<String> classList = classes == null ? null : LabelRun.readClasses(classes);
        String streamId = Path.of(video).getFileName() == null ? video : Path.of(video).getFileName().toString();
        List<FrameRecord> frames = LabelRun.readVideo(video, streamId);
        try (ModelKit models = ModelKits.open(conf)) {
            LabelRun.Summary s = LabelRun.run(models, TrackerOptions.from(conf), streamId, frames, labels, classList, out,
                    wanted, rounds);
            s.unusedLabels().forEach(u -> spec.commandLine().getErr().println("label: " + u));
            o.printf("%s: %d frames, %d objects of %d classes, %d round%s; wrote %s%n", out, s.frames(), s.objects(),
                    s.classes(), s.rounds(), s.rounds() == 1 ? "" : "s", s.written());
        } catch (LabelsFileException e) {
            spec.commandLine().getErr().println("label: " + e.getMessage());
            spec.commandLine().getErr().println("label: nothing written");
            return 2;
        }
        o.flush();
        return 0;
    }

    private Configuration config() {
        List<String> settings = new ArrayList<>();
        if (kit.equals(CocoKit.NAME)) {
            settings.addAll(CocoKitPreset.SETTINGS);
        } else if (kit.equals(ReferenceKit.NAME) || kit.equals(ModelKits.MANIFEST)) {
            settings.add(InferenceOptions.MODEL_KIT.key() + "=" + kit);
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kit: unknown kit '" + kit + "' (known: "
                    + ReferenceKit.NAME + ", " + CocoKit.NAME + ", " + ModelKits.MANIFEST + ")");
        }
        settings.addAll(overrides);
        return MaskstreamConfig.load(null, settings);
    }
}
