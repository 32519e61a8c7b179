package io.maskstream.pipeline.eval;

import java.util.Arrays;

/**
 * Rectangular linear sum assignment by the shortest augmenting path method of Crouse (2016), as
 * scipy's {@code linear_sum_assignment} runs it. Reproducing scipy's exact order of operations is the
 * point: on ties (many equal costs, common in tracking metrics) the algorithm's choices decide which
 * pairs are matched, so the metrics only agree with TrackEval if they agree here too.
 *
 * <p>Details that decide ties: rows are augmented in order 0..n−1; each search scans the remaining
 * columns starting from the highest index (the list of remaining columns is filled in reverse and a
 * picked column is replaced by the last one in the list); among columns of equal reduced cost an
 * unassigned one is preferred; a tall matrix is solved transposed and the pairs are reported sorted by
 * row.
 */
public final class LinearSumAssignment {

    /** Matched pairs: {@code rows[k]} is assigned to {@code cols[k]}, rows ascending. */
    public record Assignment(int[] rows, int[] cols) {
        public int size() {
            return rows.length;
        }
    }

    private LinearSumAssignment() {}

    /** The assignment of least total cost; min(rows, columns) pairs. */
    public static Assignment minimise(double[][] cost) {
        int nr = cost.length;
        int nc = nr == 0 ? 0 : cost[0].length;
        if (nr == 0 || nc == 0) {
            return new Assignment(new int[0], new int[0]);
        }
        boolean transpose = nc < nr;
        double[] c = new double[nr * nc];
        for (int i = 0; i < nr; i++) {
            if (cost[i].length != nc) {
                throw new IllegalArgumentException("cost matrix rows differ in length");
            }
            for (int j = 0; j < nc; j++) {
                double x = cost[i][j];
                if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                    throw new IllegalArgumentException("cost matrix contains NaN or -inf");
                }
                if (transpose) {
                    c[j * nr + i] = x;
                } else {
                    c[i * nc + j] = x;
                }
            }
        }
        int rows = transpose ? nc : nr;
        int cols = transpose ? nr : nc;
        int[] col4row = solve(rows, cols, c);
        int[] a = new int[rows];
        int[] b = new int[rows];
        if (transpose) {
            // Report pairs of the original matrix ordered by its row index (scipy sorts by col4row).
            Integer[] order = new Integer[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(col4row[x], col4row[y]));
            for (int k = 0; k < rows; k++) {
                a[k] = col4row[order[k]];
                b[k] = order[k];
            }
        } else {
            for (int i = 0; i < rows; i++) {
                a[i] = i;
                b[i] = col4row[i];
            }
        }
        return new Assignment(a, b);
    }

    /** The assignment of greatest total score, as scipy's {@code maximize=False} on the negated matrix. */
    public static Assignment maximise(double[][] score) {
        double[][] neg = new double[score.length][];
        for (int i = 0; i < score.length; i++) {
            neg[i] = new double[score[i].length];
            for (int j = 0; j < score[i].length; j++) {
                neg[i][j] = -score[i][j];
            }
        }
        return minimise(neg);
    }

    /** nr ≤ nc; cost row-major. Returns the column of each row. */
    private static int[] solve(int nr, int nc, double[] cost) {
        double[] u = new double[nr];
        double[] v = new double[nc];
        double[] shortestPathCosts = new double[nc];
        int[] path = new int[nc];
        Arrays.fill(path, -1);
        int[] col4row = new int[nr];
        Arrays.fill(col4row, -1);
        int[] row4col = new int[nc];
        Arrays.fill(row4col, -1);
        boolean[] sr = new boolean[nr];
        boolean[] sc = new boolean[nc];
        int[] remaining = new int[nc];

        for (int curRow = 0; curRow < nr; curRow++) {
            // --- shortest augmenting path from curRow ---
            double minVal = 0;
            int numRemaining = nc;
            for (int it = 0; it < nc; it++) {
                remaining[it] = nc - it - 1;
            }
            Arrays.fill(sr, false);
            Arrays.fill(sc, false);
            Arrays.fill(shortestPathCosts, Double.POSITIVE_INFINITY);
            int sink = -1;
            int i = curRow;
            while (sink == -1) {
                int index = -1;
                double lowest = Double.POSITIVE_INFINITY;
                sr[i] = true;
                for (int it = 0; it < numRemaining; it++) {
                    int j = remaining[it];
                    double r = minVal + cost[i * nc + j] - u[i] - v[j];
                    if (r < shortestPathCosts[j]) {
                        path[j] = i;
                        shortestPathCosts[j] = r;
                    }
                    if (shortestPathCosts[j] < lowest || (shortestPathCosts[j] == lowest && row4col[j] == -1)) {
                        lowest = shortestPathCosts[j];
                        index = it;
                    }
                }
                minVal = lowest;
                if (minVal == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("cost matrix is infeasible");
                }
                int j = remaining[index];
                if (row4col[j] == -1) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                sc[j] = true;
                remaining[index] = remaining[--numRemaining];
            }

            // --- update dual variables ---
            u[curRow] += minVal;
            for (int r = 0; r < nr; r++) {
                if (sr[r] && r != curRow) {
                    u[r] += minVal - shortestPathCosts[col4row[r]];
                }
            }
            for (int j = 0; j < nc; j++) {
                if (sc[j]) {
                    v[j] -= minVal - shortestPathCosts[j];
                }
            }

            // --- augment along the path ---
            int j = sink;
            while (true) {
                int r = path[j];
                row4col[j] = r;
                int previous = col4row[r];
                col4row[r] = j;
                j = previous;
                if (r == curRow) {
                    break;
                }
            }
        }
        return col4row;
    }
}
