package io.maskstream.pipeline.eval;

/**
 * Identity metrics (Ristani et al. 2016) as TrackEval computes them: one global one-to-one
 * assignment of gt ids to tracker ids maximising the frames on which they overlap with IoU ≥ 0.5.
 */
public final class IdentityMetric {

    static final double THRESHOLD = 0.5;

    public record Result(int idtp, int idfn, int idfp) {

        public double idf1() {
            return idtp / Math.max(1.0, idtp + 0.5 * idfp + 0.5 * idfn);
        }

        public double idr() {
            return idtp / (double) Math.max(1, idtp + idfn);
        }

        public double idp() {
            return idtp / (double) Math.max(1, idtp + idfp);
        }
    }

    private IdentityMetric() {}

    public static Result compute(MetricInput data) {
        int numGtDets = data.numGtDets(), numTrDets = data.numTrackerDets();
        if (numTrDets == 0) {
            return new Result(0, numGtDets, 0);
        }
        if (numGtDets == 0) {
            return new Result(0, 0, numTrDets);
        }
        int ng = data.numGtIds(), nt = data.numTrackerIds();
        double[][] potential = new double[ng][nt];
        double[] gtCount = new double[ng], trCount = new double[nt];
        for (int t = 0; t < data.numTimesteps(); t++) {
            int[] g = data.gtIds()[t], r = data.trackerIds()[t];
            double[][] sim = data.similarity()[t];
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    // TrackEval uses no epsilon here, unlike its other thresholds.
                    if (sim[i][j] >= THRESHOLD) {
                        potential[g[i]][r[j]]++;
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
        // Square (gt + tracker) matrix: a gt id may go unmatched (paired with its own dummy column) and
        // so may a tracker id (paired with its dummy row); 1e10 forbids the other dummy pairings.
        int n = ng + nt;
        double[][] fnMat = new double[n][n], fpMat = new double[n][n];
        for (int i = ng; i < n; i++) {
            for (int j = 0; j < nt; j++) {
                fpMat[i][j] = 1e10;
            }
        }
        for (int i = 0; i < ng; i++) {
            for (int j = nt; j < n; j++) {
                fnMat[i][j] = 1e10;
            }
        }
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < nt; j++) {
                fnMat[i][j] = gtCount[i];
            }
            fnMat[i][nt + i] = gtCount[i];
        }
        for (int j = 0; j < nt; j++) {
            for (int i = 0; i < ng; i++) {
                fpMat[i][j] = trCount[j];
            }
            fpMat[j + ng][j] = trCount[j];
        }
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < nt; j++) {
                fnMat[i][j] -= potential[i][j];
                fpMat[i][j] -= potential[i][j];
            }
        }
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i][j] = fnMat[i][j] + fpMat[i][j];
            }
        }
        LinearSumAssignment.Assignment m = LinearSumAssignment.minimise(cost);
        double fnSum = 0, fpSum = 0;
        for (int k = 0; k < m.size(); k++) {
            fnSum += fnMat[m.rows()[k]][m.cols()[k]];
            fpSum += fpMat[m.rows()[k]][m.cols()[k]];
        }
        int idfn = (int) fnSum;
        int idfp = (int) fpSum;
        double gtTotal = 0;
        for (double c : gtCount) {
            gtTotal += c;
        }
        return new Result((int) (gtTotal - idfn), idfn, idfp);
    }
}
