package io.maskstream.pipeline.quality;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.eval.MetricsReport;
import io.maskstream.pipeline.eval.TrackingMetrics;
import io.maskstream.pipeline.eval.TrackingSequences;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * SAM 3's interactive exemplar study (§F.2) on the synthetic scenarios with the reference models. One task per
 * scenario and concept (its ground truth: the objects of that concept). A simulated annotator adds exemplars
 * one at a time: it runs the tracker with the prompts so far, takes the first frame with an error not yet
 * answered (a ground-truth object of at least {@link #MIN_VISIBLE_AREA} visible pixels that no output mask
 * matches at IoU ≥ 0.5, else an output mask matching no ground truth) and adds a positive exemplar on the
 * missed object's box, or a negative one on the false positive's box, on that frame. Two starts: text + image
 * (the concept's text, exemplars for that concept) and image only (no text: the exemplars make the image-only
 * concept {@link PromptCommand#DEFAULT_IMAGE_CONCEPT}). Detection precision and recall are CLEAR's (IoU ≥ 0.5,
 * pooled over the tasks), HOTA the mean over the tasks. A positive exemplar the detector refuses (no detection
 * under its box) counts as given and changes nothing.
 */
public final class ExemplarStudy {
    /** The exemplar counts reported. */
    public static final List<Integer> STEPS = List.of(0, 1, 2, 4);
    /** A missed object smaller than this (visible pixels) is not one an annotator would box. */
    public static final int MIN_VISIBLE_AREA = 100;
    private static final double MATCH_IOU = 0.5;

    private ExemplarStudy() {}

    /** One task's run with {@code exemplars} exemplars. */
    public record Run(String scenario, String concept, boolean text, int exemplars, MetricsReport report,
                      String lastExemplar) {}

    /** Runs every task of {@code scenarios} ({@code frames} > 0: that many frames each) for both starts. */
    public static List<Run> run(ModelKit models, TrackerSettings settings, List<String> scenarios, int frames,
                                Consumer<Run> progress) throws Exception {
        List<Run> out = new ArrayList<>();
        int last = STEPS.get(STEPS.size() - 1);
        for (String name : scenarios) {
            SceneSettings s = frames > 0 ? SceneSettings.defaults().withFrameCount(frames) : SceneSettings.defaults();
            SyntheticScene scene = Scenarios.create(name, s);
            for (String concept : scene.concepts()) {
                for (boolean text : List.of(true, false)) {
                    List<PromptCommand> prompts = new ArrayList<>();
                    String added = "";
                    for (int k = 0; k <= last; k++) {
                        List<MaskletFrame> output = track(models, settings, scene, text ? List.of(concept) : List.of(),
                                prompts);
                        Run r = new Run(name, concept, text, k, score(scene, concept, output), added);
                        if (STEPS.contains(k)) {
                            out.add(r);
                            progress.accept(r);
                        }
                        PromptCommand next = nextExemplar(scene, concept, output, prompts, text ? concept : null);
                        if (next == null) {
                            // nothing left to answer: further exemplars change nothing
                            for (int j = k + 1; j <= last; j++) {
                                if (STEPS.contains(j)) {
                                    Run same = new Run(name, concept, text, j, r.report(), "none: no error left");
                                    out.add(same);
                                    progress.accept(same);
                                }
                            }
                            break;
                        }
                        prompts.add(next);
                        added = describe(next);
                    }
                }
            }
        }
        return out;
    }

    private static String describe(PromptCommand p) {
        Box b = p.box();
        return String.format(Locale.ROOT, "%s at frame %d [%.0f,%.0f,%.0f,%.0f]", p.positive() ? "+" : "-", p.seq(),
                b.x1(), b.y1(), b.width(), b.height());
    }

    private static List<MaskletFrame> track(ModelKit models, TrackerSettings settings, SyntheticScene scene,
                                            List<String> concepts, List<PromptCommand> prompts) throws Exception {
        String streamId = scene.name();
        LocalStreamRunner runner = new LocalStreamRunner(streamId, new StreamProcessor(models, settings), settings,
                concepts);
        for (PromptCommand p : prompts) {
            runner.prompt(p);
        }
        List<MaskletFrame> out = new ArrayList<>(scene.frameCount());
        for (FrameRecord r : ScenarioRun.records(scene, streamId)) {
            runner.process(r, out::add);
        }
        // An exemplar the detector cannot use (no detection under a positive box) is refused as a bad prompt: the
        // annotator's box counts as given, and the next one answers another error.
        if (runner.rejections().stream().anyMatch(r -> !r.equals("bad-prompt"))) {
            throw new IllegalStateException(scene.name() + ": rejected: " + runner.rejectionMessages());
        }
        return out;
    }

    /** The concept's ground truth against the output, single class. */
    private static MetricsReport score(SyntheticScene scene, String concept, List<MaskletFrame> output) {
        List<MaskletFrame> gt = new ArrayList<>();
        for (MaskletFrame f : SceneGroundTruth.maskletFrames(scene, scene.name())) {
            gt.add(new MaskletFrame(f.streamId(), f.seq(), f.captureTime(), f.emitTime(), f.width(), f.height(),
                    f.objects().stream().filter(o -> o.concept().equals(concept)).toList()));
        }
        return TrackingMetrics.evaluate(TrackingSequences.ofMaskletFrames(gt, scene.frameCount()),
                TrackingSequences.ofMaskletFrames(output, scene.frameCount()));
    }

    /** The annotator's next exemplar, or null when every frame is right (or every error was answered). */
    static PromptCommand nextExemplar(SyntheticScene scene, String concept, List<MaskletFrame> output,
                                      List<PromptCommand> given, String exemplarConcept) {
        for (MaskletFrame f : output) {
            int seq = (int) f.seq();
            List<Mask> truth = new ArrayList<>();
            for (GroundTruthObject g : scene.groundTruth(seq)) {
                if (g.concept().equals(concept) && g.mask().area() > 0) {
                    truth.add(g.mask());
                }
            }
            List<Mask> predicted = new ArrayList<>();
            for (MaskletObject o : f.objects()) {
                Mask m = o.mask().toRle().decode();
                if (!m.isEmpty()) {
                    predicted.add(m);
                }
            }
            boolean[] truthMatched = new boolean[truth.size()];
            boolean[] predictedMatched = new boolean[predicted.size()];
            match(truth, predicted, truthMatched, predictedMatched);
            for (int i = 0; i < truth.size(); i++) {
                if (!truthMatched[i] && truth.get(i).area() >= MIN_VISIBLE_AREA) {
                    PromptCommand p = exemplar(scene, truth.get(i).boundingBox(), true, exemplarConcept, seq);
                    if (!answered(p, given)) {
                        return p;
                    }
                }
            }
            for (int i = 0; i < predicted.size(); i++) {
                if (!predictedMatched[i]) {
                    PromptCommand p = exemplar(scene, predicted.get(i).boundingBox(), false, exemplarConcept, seq);
                    if (!answered(p, given)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static PromptCommand exemplar(SyntheticScene scene, Box box, boolean positive, String concept, int seq) {
        return PromptCommand.addExemplar(scene.name(), box.clip(scene.width(), scene.height()), positive, concept,
                (long) seq);
    }

    /** An exemplar on the same frame over (nearly) the same box was given already. */
    private static boolean answered(PromptCommand p, List<PromptCommand> given) {
        for (PromptCommand g : given) {
            if (g.seq().equals(p.seq()) && g.box().iou(p.box()) > 0.8) {
                return true;
            }
        }
        return false;
    }

    /** Greedy one-to-one matching by mask IoU ≥ 0.5, best pairs first. */
    private static void match(List<Mask> truth, List<Mask> predicted, boolean[] t, boolean[] p) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            for (int j = 0; j < predicted.size(); j++) {
                double iou = truth.get(i).iou(predicted.get(j));
                if (iou >= MATCH_IOU) {
                    pairs.add(new double[] {iou, i, j});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((double[] a) -> -a[0]));
        for (double[] a : pairs) {
            int i = (int) a[1], j = (int) a[2];
            if (!t[i] && !p[j]) {
                t[i] = true;
                p[j] = true;
            }
        }
    }

    /**
     * The study's table: per start and exemplar count, pooled precision and recall, mean HOTA, and the tasks whose
     * HOTA rose or fell against the previous row.
     */
    public static String table(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("| start | exemplars | tasks | det. precision | det. recall | HOTA (mean) | tasks better | tasks worse |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (boolean text : List.of(true, false)) {
            MetricsReport[] previous = null;
            for (int k : STEPS) {
                List<Run> rs = runs.stream().filter(r -> r.text() == text && r.exemplars() == k).toList();
                long tp = 0, fp = 0, fn = 0;
                double hota = 0;
                for (Run r : rs) {
                    tp += r.report().clrTp();
                    fp += r.report().clrFp();
                    fn += r.report().clrFn();
                    hota += r.report().hota();
                }
                int better = 0;
                int worse = 0;
                MetricsReport[] now = rs.stream().map(Run::report).toArray(MetricsReport[]::new);
                if (previous != null) {
                    for (int i = 0; i < now.length; i++) {
                        better += now[i].hota() > previous[i].hota() + 1e-9 ? 1 : 0;
                        worse += now[i].hota() < previous[i].hota() - 1e-9 ? 1 : 0;
                    }
                }
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %s | %s |%n",
                        text ? "text + image" : "image only", k, rs.size(), ratio(tp, tp + fp), ratio(tp, tp + fn),
                        rs.isEmpty() ? Double.NaN : hota / rs.size(), previous == null ? "–" : Integer.toString(better),
                        previous == null ? "–" : Integer.toString(worse)));
                previous = now;
            }
        }
        return b.toString();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
