package io.maskstream.pipeline.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * TrackEval's hand-built sequences from {@code tests/test_metrics.py}, described densely (presence
 * per frame and id, similarity per frame and id pair) and turned into {@link MetricInput} as its
 * {@code _from_dense} does.
 */
final class DenseCases {

    /** similarity[t][gt][tracker], gtPresent[t][gt], trackerPresent[t][tracker]. */
    record Dense(double[][][] similarity, int[][] gtPresent, int[][] trackerPresent) {

        MetricInput toInput() {
            int T = similarity.length;
            int[][] g = new int[T][], r = new int[T][];
            double[][][] s = new double[T][][];
            for (int t = 0; t < T; t++) {
                g[t] = present(gtPresent[t]);
                r[t] = present(trackerPresent[t]);
                s[t] = new double[g[t].length][r[t].length];
                for (int i = 0; i < g[t].length; i++) {
                    for (int j = 0; j < r[t].length; j++) {
                        s[t][i][j] = similarity[t][g[t][i]][r[t][j]];
                    }
                }
            }
            return MetricInput.of(gtPresent[0].length, trackerPresent[0].length, g, r, s);
        }

        private static int[] present(int[] flags) {
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < flags.length; k++) {
                if (flags[k] != 0) {
                    ids.add(k);
                }
            }
            return ids.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private DenseCases() {}

    /** Builds a Dense case from per-id time series, the way test_metrics.py writes them. */
    static Dense build(int T, int ng, int nt, int[][] gtSeries, int[][] trSeries, double[][][] pairSeries) {
        double[][][] sim = new double[T][ng][nt];
        for (double[][] p : pairSeries) {
            int gi = (int) p[0][0], ti = (int) p[0][1];
            for (int t = 0; t < T; t++) {
                sim[t][gi][ti] = p[1][t];
            }
        }
        int[][] gp = new int[T][ng], tp = new int[T][nt];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < ng; i++) {
                gp[t][i] = gtSeries[i][t];
            }
            for (int j = 0; j < nt; j++) {
                tp[t][j] = trSeries[j][t];
            }
        }
        return new Dense(sim, gp, tp);
    }

    private static double[][] pair(int gt, int tracker, double... series) {
        return new double[][] {{gt, tracker}, series};
    }

    static Dense noConfusion() {
        return build(5, 2, 2,
                new int[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}},
                new int[][] {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}},
                new double[][][] {pair(0, 1, 0, 0, 0, 1, 1), pair(1, 0, 1, 1, 0, 0, 0)});
    }

    static Dense withConfusion() {
        return build(5, 2, 2,
                new int[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}},
                new int[][] {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}},
                new double[][][] {
                    pair(0, 1, 0, 0, 0, 1, 1), pair(1, 0, 1, 1, 0, 0, 0),
                    pair(0, 0, 0, 0, 1, 0, 0), pair(1, 1, 0, 1, 0, 0, 0)
                });
    }

    static Dense splitTracks() {
        return build(5, 2, 5,
                new int[][] {{1, 1, 0, 1, 1}, {1, 1, 1, 1, 1}},
                new int[][] {{1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}, {0, 0, 0, 0, 1}, {0, 0, 1, 1, 1}, {1, 1, 0, 0, 0}},
                new double[][][] {
                    pair(0, 0, 1, 1, 0, 0, 0), pair(0, 3, 0, 0, 0, 1, 1),
                    pair(1, 1, 0, 0, 1, 1, 0), pair(1, 2, 0, 0, 0, 0, 1), pair(1, 4, 1, 1, 0, 0, 0)
                });
    }
}
