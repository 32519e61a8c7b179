package io.maskstream.pipeline.eval;

import java.util.TreeMap;

/**
 * HOTA (Luiten et al., IJCV 2020) as TrackEval computes it: per frame a Hungarian matching that
 * maximises global-alignment-weighted similarity, evaluated at 19 localisation thresholds
 * α = 0.05, 0.10, …, 0.95; the reported figures are means over α.
 */
public final class HotaMetric {

    /** TrackEval's {@code np.arange(0.05, 0.99, 0.05)}: k × 0.05 in floating point, k = 1..19. */
    static final double[] ALPHAS = alphas();

    private static double[] alphas() {
        double[] a = new double[19];
        for (int k = 0; k < a.length; k++) {
            a[k] = 0.05 + k * 0.05; // numpy's arange computes start + i * step
        }
        return a;
    }

    /**
     * HOTA results for one sequence: per-α arrays and their means.
     *
     * @param tp per α, HOTA true positives; likewise fn, fp
     */
    public record Result(
            double[] hota, double[] detA, double[] assA, double[] detRe, double[] detPr, double[] assRe,
            double[] assPr, double[] locA, int[] tp, int[] fn, int[] fp) {

        public double meanHota() {
            return mean(hota);
        }

        public double meanDetA() {
            return mean(detA);
        }

        public double meanAssA() {
            return mean(assA);
        }

        public double meanDetRe() {
            return mean(detRe);
        }

        public double meanDetPr() {
            return mean(detPr);
        }

        public double meanAssRe() {
            return mean(assRe);
        }

        public double meanAssPr() {
            return mean(assPr);
        }

        public double meanLocA() {
            return mean(locA);
        }

        private static double mean(double[] a) {
            double s = 0;
            for (double x : a) {
                s += x;
            }
            return s / a.length;
        }
    }

    private HotaMetric() {}

    public static Result compute(MetricInput data) {
        int na = ALPHAS.length;
        int[] tp = new int[na], fn = new int[na], fp = new int[na];
        double[] locSum = new double[na];
        double[] assA = new double[na], assRe = new double[na], assPr = new double[na];
        int numGtDets = data.numGtDets(), numTrDets = data.numTrackerDets();

        if (numTrDets == 0 || numGtDets == 0) {
            for (int a = 0; a < na; a++) {
                fn[a] = numTrDets == 0 ? numGtDets : 0;
                fp[a] = numTrDets == 0 ? 0 : numTrDets;
            }
            return finish(tp, fn, fp, locSum, assA, assRe, assPr);
        }

        int ng = data.numGtIds(), nt = data.numTrackerIds();
        double[][] potential = new double[ng][nt];
        double[] gtCount = new double[ng];
        double[] trCount = new double[nt];
        for (int t = 0; t < data.numTimesteps(); t++) {
            int[] g = data.gtIds()[t], r = data.trackerIds()[t];
            double[][] sim = data.similarity()[t];
            double[] rowSum = new double[g.length], colSum = new double[r.length];
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    rowSum[i] += sim[i][j];
                    colSum[j] += sim[i][j];
                }
            }
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    // Similarity normalised by the "union" of the two objects' similarity mass this frame.
                    double denom = colSum[j] + rowSum[i] - sim[i][j];
                    if (denom > Precision.EPS) {
                        potential[g[i]][r[j]] += sim[i][j] / denom;
                    }
                }
            }
            for (int id : g) {
                gtCount[id]++;
            }
            for (int id : r) {
                trCount[id]++;
            }
        }
        double[][] globalAlignment = new double[ng][nt];
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < nt; j++) {
                globalAlignment[i][j] = potential[i][j] / (gtCount[i] + trCount[j] - potential[i][j]);
            }
        }

        // Per (gt id, tracker id) pair that is ever matched: matched frames at each α. Sparse, because
        // long sequences can have thousands of ids on each side.
        TreeMap<Long, int[]> matches = new TreeMap<>();
        for (int t = 0; t < data.numTimesteps(); t++) {
            int[] g = data.gtIds()[t], r = data.trackerIds()[t];
            if (g.length == 0 || r.length == 0) {
                for (int a = 0; a < na; a++) {
                    fp[a] += r.length;
                    fn[a] += g.length;
                }
                continue;
            }
            double[][] sim = data.similarity()[t];
            double[][] score = new double[g.length][r.length];
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    score[i][j] = globalAlignment[g[i]][r[j]] * sim[i][j];
                }
            }
            LinearSumAssignment.Assignment m = LinearSumAssignment.maximise(score);
            for (int a = 0; a < na; a++) {
                int num = 0;
                for (int k = 0; k < m.size(); k++) {
                    int i = m.rows()[k], j = m.cols()[k];
                    if (sim[i][j] >= ALPHAS[a] - Precision.EPS) {
                        num++;
                        locSum[a] += sim[i][j];
                        matches.computeIfAbsent((long) g[i] * nt + r[j], key -> new int[na])[a]++;
                    }
                }
                tp[a] += num;
                fn[a] += g.length - num;
                fp[a] += r.length - num;
            }
        }

        for (int a = 0; a < na; a++) {
            double sa = 0, sr = 0, sp = 0;
            for (var e : matches.entrySet()) {
                double c = e.getValue()[a];
                if (c == 0) {
                    continue;
                }
                int i = (int) (e.getKey() / nt), j = (int) (e.getKey() % nt);
                sa += c * (c / Math.max(1, gtCount[i] + trCount[j] - c));
                sr += c * (c / Math.max(1, gtCount[i]));
                sp += c * (c / Math.max(1, trCount[j]));
            }
            double denom = Math.max(1, tp[a]);
            assA[a] = sa / denom;
            assRe[a] = sr / denom;
            assPr[a] = sp / denom;
        }
        return finish(tp, fn, fp, locSum, assA, assRe, assPr);
    }

    private static Result finish(int[] tp, int[] fn, int[] fp, double[] locSum, double[] assA, double[] assRe,
            double[] assPr) {
        int na = tp.length;
        double[] hota = new double[na], detA = new double[na], detRe = new double[na], detPr = new double[na];
        double[] locA = new double[na];
        for (int a = 0; a < na; a++) {
            detRe[a] = tp[a] / (double) Math.max(1, tp[a] + fn[a]);
            detPr[a] = tp[a] / (double) Math.max(1, tp[a] + fp[a]);
            detA[a] = tp[a] / (double) Math.max(1, tp[a] + fn[a] + fp[a]);
            hota[a] = Math.sqrt(detA[a] * assA[a]);
            // TrackEval: LocA is 1 when nothing is matched.
            locA[a] = Math.max(1e-10, locSum[a]) / Math.max(1e-10, tp[a]);
        }
        return new Result(hota, detA, assA, detRe, detPr, assRe, assPr, locA, tp, fn, fp);
    }
}
