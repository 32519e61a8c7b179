package io.maskstream.pipeline.label;

import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.label.WeakLabelsFromGroundTruth.Frames;
import io.maskstream.pipeline.label.WeakLabelsFromGroundTruth.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The labelling table of QUALITY.md: every label type and labelled-frame choice, averaged over scenes. */
public final class LabellingTable {
    /** Targets of first-appearance labels with the reference kit (semantic mIoU). */
    static final Map<Type, Double> TARGETS = Map.of(Type.BOXES, 0.90, Type.COARSE_MASKS, 0.90, Type.SCRIBBLES, 0.85, Type.POINTS, 0.80);

    private LabellingTable() {}

    /** {@code all} or a comma-separated list of {@code first}, {@code 10th}, {@code every}. */
    public static List<Frames> labelledFrames(String spec) {
        if (spec.equals("all")) {
            return List.of(Frames.values());
        }
        return Arrays.stream(spec.split(",")).map(String::strip).map(f -> switch (f) {
            case "first" -> Frames.FIRST_APPEARANCE;
            case "10th" -> Frames.EVERY_10TH;
            case "every" -> Frames.EVERY_FRAME;
            default -> throw new IllegalArgumentException("labelled frames: unknown '" + f + "' (known: first, 10th, every)");
        }).toList();
    }

    /** {@code all} or a comma-separated list of {@code boxes}, {@code points}, {@code scribbles}, {@code coarse}. */
    public static List<Type> labelTypes(String spec) {
        if (spec.equals("all")) {
            return List.of(Type.values());
        }
        return Arrays.stream(spec.split(",")).map(String::strip).map(f -> switch (f) {
            case "boxes" -> Type.BOXES;
            case "points" -> Type.POINTS;
            case "scribbles" -> Type.SCRIBBLES;
            case "coarse" -> Type.COARSE_MASKS;
            default -> throw new IllegalArgumentException("label types: unknown '" + f + "' (known: boxes, points, scribbles, coarse)");
        }).toList();
    }

    /** {@code all} or a comma-separated list of scenario names. */
    public static List<String> scenes(String spec) {
        return spec.equals("all") ? Scenarios.names() : Arrays.stream(spec.split(",")).map(String::strip).toList();
    }

    /**
     * The table: one row per label type and labelled-frame choice, the means over {@code scenes} of
     * semantic mIoU and HOTA of the labeller and of the naive baseline. {@code progress} gets a line per run.
     */
    public static String markdown(ModelKit kit, TrackerSettings settings, List<String> scenes, List<Type> types,
                                  List<Frames> labelled, int rounds,
                                  Consumer<String> progress) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("| labels | labelled frames | mIoU | baseline mIoU | HOTA | baseline HOTA | target mIoU | labels given | seconds |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Type type : types) {
            for (Frames frames : labelled) {
                double m = 0, bm = 0, h = 0, bh = 0, sec = 0;
                int n = 0, given = 0;
                for (String name : scenes) {
                    SyntheticScene scene = Scenarios.create(name, SceneSettings.defaults());
                    LabellingSuite.Score s = LabellingSuite.run(kit, settings, scene, type, frames, rounds);
                    progress.accept(String.format("%s %s %s: %s", name, type, frames, s));
                    m += s.mIoU();
                    bm += s.baselineMIoU();
                    h += s.hota();
                    bh += s.baselineHota();
                    sec += s.seconds();
                    given += s.labels();
                    n++;
                }
                String target = frames == Frames.FIRST_APPEARANCE
                        ? String.format("≥ %.2f %s", TARGETS.get(type), m / n >= TARGETS.get(type) && m > bm ? "met" : "NOT met") : "";
                b.append(String.format("| %s | %s | %.3f | %.3f | %.3f | %.3f | %s | %d | %.0f |%n", type.title(), frames.title(),
                        m / n, bm / n, h / n, bh / n, target, given, sec));
            }
        }
        return b.toString();
    }
}
