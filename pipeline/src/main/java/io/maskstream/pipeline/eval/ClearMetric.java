package io.maskstream.pipeline.eval;

import java.util.Arrays;

/**
 * CLEAR MOT metrics (Bernardin & Stiefelhagen 2008) as TrackEval computes them at similarity
 * threshold 0.5: per frame a Hungarian matching in which continuing last frame's match outweighs any
 * similarity (the 1000 bonus), so identity switches are only counted when unavoidable.
 */
public final class ClearMetric {

    static final double THRESHOLD = 0.5;

    /** Counts and the figures derived from them, as TrackEval's combined (COMBINED_SEQ) row gives them. */
    public record Result(int tp, int fn, int fp, int idsw, int mt, int pt, int ml, int frag, double motpSum) {

        public double mota() {
            return (tp - fp - idsw) / (double) Math.max(1, tp + fn);
        }

        public double moda() {
            return (tp - fp) / (double) Math.max(1, tp + fn);
        }

        public double motp() {
            return motpSum / Math.max(1.0, tp);
        }

        public double recall() {
            return tp / (double) Math.max(1, tp + fn);
        }

        public double precision() {
            return tp / (double) Math.max(1, tp + fp);
        }
    }

    private ClearMetric() {}

    public static Result compute(MetricInput data) {
        int numGtDets = data.numGtDets(), numTrDets = data.numTrackerDets();
        if (numTrDets == 0) {
            return new Result(0, numGtDets, 0, 0, 0, 0, data.numGtIds(), 0, 0);
        }
        if (numGtDets == 0) {
            return new Result(0, 0, numTrDets, 0, 0, 0, 0, 0, 0);
        }
        int ng = data.numGtIds();
        int[] gtIdCount = new int[ng], gtMatchedCount = new int[ng], gtFragCount = new int[ng];
        // -1 = none. IDSW looks at the last tracker matched to a gt (any time ago); the continuity bonus
        // only at the tracker matched in the previous frame.
        int[] prevTrackerId = new int[ng];
        int[] prevTimestepTrackerId = new int[ng];
        Arrays.fill(prevTrackerId, -1);
        Arrays.fill(prevTimestepTrackerId, -1);
        int tp = 0, fn = 0, fp = 0, idsw = 0;
        double motpSum = 0;

        for (int t = 0; t < data.numTimesteps(); t++) {
            int[] g = data.gtIds()[t], r = data.trackerIds()[t];
            if (g.length == 0) {
                fp += r.length;
                continue;
            }
            if (r.length == 0) {
                fn += g.length;
                for (int id : g) {
                    gtIdCount[id]++;
                }
                continue;
            }
            double[][] sim = data.similarity()[t];
            double[][] score = new double[g.length][r.length];
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    if (sim[i][j] < THRESHOLD - Precision.EPS) {
                        score[i][j] = 0;
                    } else {
                        score[i][j] = (r[j] == prevTimestepTrackerId[g[i]] ? 1000 : 0) + sim[i][j];
                    }
                }
            }
            LinearSumAssignment.Assignment m = LinearSumAssignment.maximise(score);
            int[] matchedGt = new int[m.size()], matchedTr = new int[m.size()];
            int n = 0;
            double frameSim = 0;
            for (int k = 0; k < m.size(); k++) {
                int i = m.rows()[k], j = m.cols()[k];
                if (score[i][j] > Precision.EPS) {
                    matchedGt[n] = g[i];
                    matchedTr[n] = r[j];
                    frameSim += sim[i][j];
                    n++;
                }
            }
            for (int k = 0; k < n; k++) {
                int prev = prevTrackerId[matchedGt[k]];
                if (prev != -1 && prev != matchedTr[k]) {
                    idsw++;
                }
            }
            for (int id : g) {
                gtIdCount[id]++;
            }
            boolean[] notPreviouslyTracked = new boolean[ng];
            for (int i = 0; i < ng; i++) {
                notPreviouslyTracked[i] = prevTimestepTrackerId[i] == -1;
            }
            Arrays.fill(prevTimestepTrackerId, -1);
            for (int k = 0; k < n; k++) {
                gtMatchedCount[matchedGt[k]]++;
                prevTrackerId[matchedGt[k]] = matchedTr[k];
                prevTimestepTrackerId[matchedGt[k]] = matchedTr[k];
            }
            for (int i = 0; i < ng; i++) {
                if (notPreviouslyTracked[i] && prevTimestepTrackerId[i] != -1) {
                    gtFragCount[i]++;
                }
            }
            tp += n;
            fn += g.length - n;
            fp += r.length - n;
            motpSum += frameSim;
        }

        int mt = 0, ptPlusMt = 0, frag = 0;
        for (int i = 0; i < ng; i++) {
            if (gtIdCount[i] > 0) {
                double ratio = gtMatchedCount[i] / (double) gtIdCount[i];
                if (ratio > 0.8) {
                    mt++;
                }
                if (ratio >= 0.2) {
                    ptPlusMt++;
                }
            }
            if (gtFragCount[i] > 0) {
                frag += gtFragCount[i] - 1;
            }
        }
        int pt = ptPlusMt - mt;
        int ml = ng - mt - pt;
        return new Result(tp, fn, fp, idsw, mt, pt, ml, frag, motpSum);
    }
}
