package io.maskstream.pipeline.label;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.labelling.Candidates;
import io.maskstream.operators.labelling.Labeller;
import io.maskstream.operators.labelling.SemanticMaps;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.eval.TrackingMetrics;
import io.maskstream.pipeline.eval.TrackingSequences;
import io.maskstream.pipeline.quality.ScenarioRun;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures labelling on synthetic scenes: weak labels derived from the exact ground truth
 * ({@link WeakLabelsFromGroundTruth}), labelled by {@link Labeller}, scored per pixel (semantic mIoU) and
 * per track (HOTA) against the ground truth, next to the naive baseline of the same labels.
 */
public final class LabellingSuite {
    private LabellingSuite() {}

    /** Scores of one scene, label type and labelled-frame choice. */
    public record Score(double mIoU, double hota, double baselineMIoU, double baselineHota, int labels, double seconds) {}

    public static Score run(ModelKit kit, TrackerSettings settings, SyntheticScene scene, WeakLabelsFromGroundTruth.Type type,
                            WeakLabelsFromGroundTruth.Frames frames, int rounds) throws Exception {
        List<WeakLabel> labels = WeakLabelsFromGroundTruth.derive(scene, type, frames);
        List<FrameRecord> records = new ArrayList<>(ScenarioRun.records(scene, scene.name()));
        records.removeIf(r -> r.kind() != FrameRecordKind.FRAME);
        long t0 = System.nanoTime();
        Labeller labeller = new Labeller(new StreamProcessor(kit, settings), settings, Candidates.Sampling.defaults());
        List<MaskletFrame> out = labeller.label(scene.name(), records, labels, Labeller.DEFAULT_ROUNDS).frames();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<MaskletFrame> base = baseline(scene, labels);
        List<MaskletFrame> gt = SceneGroundTruth.maskletFrames(scene, scene.name());
        return new Score(meanIou(scene, gt, out), hota(scene, gt, out), meanIou(scene, gt, base), hota(scene, gt, base),
                labels.size(), seconds);
    }

    /** The baseline: each object's naive label mask, held from its labelled frame until its next label. */
    static List<MaskletFrame> baseline(SyntheticScene scene, List<WeakLabel> labels) {
        Map<Integer, TreeMap<Long, WeakLabel>> byObject = new TreeMap<>();
        for (WeakLabel l : labels) {
            byObject.computeIfAbsent(l.objectId(), k -> new TreeMap<>()).put(l.seq(), l);
        }
        Map<WeakLabel, Mask> masks = new java.util.HashMap<>();
        List<MaskletFrame> out = new ArrayList<>();
        for (int t = 0; t < scene.frameCount(); t++) {
            List<MaskletFrame.MaskletObject> objs = new ArrayList<>();
            for (var e : byObject.entrySet()) {
                var held = e.getValue().floorEntry((long) t);
                if (held == null) {
                    continue;
                }
                Mask m = masks.computeIfAbsent(held.getValue(),
                        l -> WeakLabelsFromGroundTruth.baseline(l, scene.height(), scene.width()));
                if (!m.isEmpty()) {
                    objs.add(new MaskletFrame.MaskletObject(e.getKey(), held.getValue().className(), 1f,
                            m.boundingBox().toXywh(), MaskletFrame.RleMask.of(m), List.of()));
                }
            }
            out.add(new MaskletFrame(scene.name(), t, t, t, scene.width(), scene.height(), objs));
        }
        return out;
    }

    /**
     * Semantic mIoU: per class, the IoU of the pixels the output and the ground truth give that class over
     * all frames (a pixel marked unknown counts as wrong), averaged over the scene's classes.
     */
    static double meanIou(SyntheticScene scene, List<MaskletFrame> gt, List<MaskletFrame> predicted) {
        List<String> classes = scene.concepts();
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i + 1);
        }
        long[] inter = new long[classes.size() + 1], union = new long[classes.size() + 1];
        for (int t = 0; t < scene.frameCount(); t++) {
            byte[] g = SemanticMaps.of(gt.get(t), index);
            byte[] p = SemanticMaps.of(predicted.get(t), index);
            for (int i = 0; i < g.length; i++) {
                int a = g[i] & 0xff, b = p[i] & 0xff;
                for (int c = 1; c <= classes.size(); c++) {
                    boolean ga = a == c, pb = b == c;
                    if (ga && pb) {
                        inter[c]++;
                    }
                    if (ga || pb) {
                        union[c]++;
                    }
                }
            }
        }
        double sum = 0;
        int n = 0;
        for (int c = 1; c <= classes.size(); c++) {
            if (union[c] > 0) {
                sum += (double) inter[c] / union[c];
                n++;
            }
        }
        return n == 0 ? 1 : sum / n;
    }

    static double hota(SyntheticScene scene, List<MaskletFrame> gt, List<MaskletFrame> predicted) {
        return TrackingMetrics.evaluate(TrackingSequences.ofMaskletFrames(gt, scene.frameCount()),
                TrackingSequences.ofMaskletFrames(predicted, scene.frameCount())).hota();
    }
}
