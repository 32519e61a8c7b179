package io.maskstream.pipeline.eval;

import io.maskstream.pipeline.eval.TrackedObject.Role;
import io.maskstream.state.geometry.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns a ground-truth and a predicted {@link TrackingSequence} into {@link MetricInput} the way
 * TrackEval's dataset classes do: similarities, removal of predictions matched to distractors (MOT
 * Challenge), removal of unmatched predictions lying mostly in an ignore region (MOTS Challenge),
 * dropping of ground truth that is not evaluated, and relabelling of ids to contiguous indices in
 * ascending id order.
 */
final class Preprocessing {

    /** Which payload similarity is measured on. */
    enum SimilarityKind {
        BOX,
        MASK
    }

    private Preprocessing() {}

    static SimilarityKind similarityKind(TrackingSequence gt, TrackingSequence pred) {
        boolean allMasks = true, allBoxes = true;
        for (TrackingSequence s : List.of(gt, pred)) {
            for (TrackingSequence.Frame f : s.frames()) {
                for (TrackedObject o : f.objects()) {
                    allMasks &= o.mask() != null;
                    allBoxes &= o.box() != null;
                }
            }
        }
        if (allMasks) {
            return SimilarityKind.MASK;
        }
        if (allBoxes) {
            return SimilarityKind.BOX;
        }
        throw new EvaluationException(
                "cannot compare: ground truth and predictions share neither masks nor boxes on every object");
    }

    static double[][] similarity(List<TrackedObject> gt, List<TrackedObject> pred, SimilarityKind kind) {
        double[][] s = new double[gt.size()][pred.size()];
        for (int i = 0; i < gt.size(); i++) {
            for (int j = 0; j < pred.size(); j++) {
                s[i][j] = similarity(gt.get(i), pred.get(j), kind);
            }
        }
        return s;
    }

    private static double similarity(TrackedObject a, TrackedObject b, SimilarityKind kind) {
        if (kind == SimilarityKind.BOX) {
            return a.box().iou(b.box());
        }
        Rle ma = a.mask(), mb = b.mask();
        if (ma.height() != mb.height() || ma.width() != mb.width()) {
            throw new EvaluationException("mask sizes differ: ground truth " + ma.height() + "x" + ma.width()
                    + ", prediction " + mb.height() + "x" + mb.width());
        }
        return ma.iou(mb);
    }

    static MetricInput prepare(TrackingSequence gtSequence, TrackingSequence predSequence) {
        int frames = Math.max(gtSequence.frameCount(), predSequence.frameCount());
        SimilarityKind kind = similarityKind(gtSequence, predSequence);
        List<List<TrackedObject>> gtKept = new ArrayList<>(frames);
        List<List<TrackedObject>> predKept = new ArrayList<>(frames);
        List<double[][]> sims = new ArrayList<>(frames);

        for (int t = 0; t < frames; t++) {
            TrackingSequence.Frame gf = gtSequence.frame(t);
            List<TrackedObject> gtAll = gf.objects();
            List<TrackedObject> pred = predSequence.frame(t).objects();
            double[][] simAll = similarity(gtAll, pred, kind);
            boolean[] removed = new boolean[pred.size()];

            // MOT Challenge: predictions matched (IoU ≥ 0.5) to a distractor are not counted at all.
            if (!gtAll.isEmpty() && !pred.isEmpty() && gtAll.stream().anyMatch(o -> o.role() == Role.DISTRACTOR)) {
                double[][] scores = thresholded(simAll, 0.0);
                LinearSumAssignment.Assignment m = LinearSumAssignment.maximise(scores);
                for (int k = 0; k < m.size(); k++) {
                    int r = m.rows()[k], c = m.cols()[k];
                    if (scores[r][c] > Precision.EPS && gtAll.get(r).role() == Role.DISTRACTOR) {
                        removed[c] = true;
                    }
                }
            }

            int[] gtRows = rowsWithRole(gtAll, Role.EVALUATED);

            // MOTS Challenge: unmatched predictions more than half inside the ignore region are dropped.
            if (gf.ignoreRegion() != null && !pred.isEmpty()) {
                if (kind != SimilarityKind.MASK) {
                    throw new EvaluationException("ground-truth ignore regions need mask predictions");
                }
                int[] predCols = unremoved(removed);
                boolean[] matched = new boolean[pred.size()];
                if (gtRows.length > 0 && predCols.length > 0) {
                    double[][] scores = new double[gtRows.length][predCols.length];
                    for (int i = 0; i < gtRows.length; i++) {
                        for (int j = 0; j < predCols.length; j++) {
                            double s = simAll[gtRows[i]][predCols[j]];
                            scores[i][j] = s < 0.5 - Precision.EPS ? -10000 : s;
                        }
                    }
                    LinearSumAssignment.Assignment m = LinearSumAssignment.maximise(scores);
                    for (int k = 0; k < m.size(); k++) {
                        if (scores[m.rows()[k]][m.cols()[k]] > Precision.EPS) {
                            matched[predCols[m.cols()[k]]] = true;
                        }
                    }
                }
                for (int c : predCols) {
                    if (!matched[c] && pred.get(c).mask().iouCrowd(gf.ignoreRegion()) > 0.5 + Precision.EPS) {
                        removed[c] = true;
                    }
                }
            }

            int[] predCols = unremoved(removed);
            double[][] sim = new double[gtRows.length][predCols.length];
            List<TrackedObject> g = new ArrayList<>(gtRows.length);
            List<TrackedObject> p = new ArrayList<>(predCols.length);
            for (int i = 0; i < gtRows.length; i++) {
                g.add(gtAll.get(gtRows[i]));
                for (int j = 0; j < predCols.length; j++) {
                    sim[i][j] = simAll[gtRows[i]][predCols[j]];
                }
            }
            for (int c : predCols) {
                p.add(pred.get(c));
            }
            gtKept.add(g);
            predKept.add(p);
            sims.add(sim);
        }

        TreeMap<Integer, Integer> gtIndex = contiguous(gtKept);
        TreeMap<Integer, Integer> predIndex = contiguous(predKept);
        int[][] gtIds = new int[frames][];
        int[][] trIds = new int[frames][];
        Rle[][] gtMasks = kind == SimilarityKind.MASK ? new Rle[frames][] : null;
        Rle[][] trMasks = kind == SimilarityKind.MASK ? new Rle[frames][] : null;
        for (int t = 0; t < frames; t++) {
            gtIds[t] = gtKept.get(t).stream().mapToInt(o -> gtIndex.get(o.id())).toArray();
            trIds[t] = predKept.get(t).stream().mapToInt(o -> predIndex.get(o.id())).toArray();
            if (gtMasks != null) {
                gtMasks[t] = gtKept.get(t).stream().map(TrackedObject::mask).toArray(Rle[]::new);
                trMasks[t] = predKept.get(t).stream().map(TrackedObject::mask).toArray(Rle[]::new);
            }
        }
        return new MetricInput(gtIndex.size(), predIndex.size(), gtIds, trIds, sims.toArray(double[][][]::new),
                gtMasks, trMasks);
    }

    /** Copy of {@code s} with entries below 0.5 − ε replaced by {@code below}. */
    private static double[][] thresholded(double[][] s, double below) {
        double[][] out = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                if (out[i][j] < 0.5 - Precision.EPS) {
                    out[i][j] = below;
                }
            }
        }
        return out;
    }

    private static int[] rowsWithRole(List<TrackedObject> objects, Role role) {
        int[] rows = new int[objects.size()];
        int n = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).role() == role) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    private static int[] unremoved(boolean[] removed) {
        int[] cols = new int[removed.length];
        int n = 0;
        for (int j = 0; j < removed.length; j++) {
            if (!removed[j]) {
                cols[n++] = j;
            }
        }
        return Arrays.copyOf(cols, n);
    }

    private static TreeMap<Integer, Integer> contiguous(List<List<TrackedObject>> frames) {
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (List<TrackedObject> f : frames) {
            for (TrackedObject o : f) {
                index.put(o.id(), 0);
            }
        }
        int k = 0;
        for (var e : index.entrySet()) {
            e.setValue(k++);
        }
        return index;
    }
}
