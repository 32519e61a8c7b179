package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearSumAssignmentTest {

    @Test
    void constantSquareMatrixGivesTheIdentity() {
        // Row 0 scans columns 1, 0 (remaining is filled in reverse); both cost 0 and are free, and a tie
        // with a free column moves the pick, so row 0 takes column 0. Row 1 scans 1 (0, free) then 0
        // (0, taken: a tie with a taken column does not move the pick), so row 1 takes column 1.
        var a = LinearSumAssignment.minimise(new double[][] {{0, 0}, {0, 0}});
        assertThat(a.rows()).containsExactly(0, 1);
        assertThat(a.cols()).containsExactly(0, 1);
    }

    @Test
    void wideConstantRowTakesTheLowestColumn() {
        // Scan order 2, 1, 0, all free and tied: every later column moves the pick, so column 0 wins.
        var a = LinearSumAssignment.minimise(new double[][] {{5, 5, 5}});
        assertThat(a.rows()).containsExactly(0);
        assertThat(a.cols()).containsExactly(0);
    }

    @Test
    void tallMatrixIsSolvedTransposedAndReportedByRow() {
        // Transposed it is the 1×3 row above: column 0 of the transpose (= row 0) gets the match.
        var a = LinearSumAssignment.minimise(new double[][] {{5}, {5}, {5}});
        assertThat(a.rows()).containsExactly(0);
        assertThat(a.cols()).containsExactly(0);
        // Here row 2 is strictly best.
        var b = LinearSumAssignment.minimise(new double[][] {{5}, {5}, {1}});
        assertThat(b.rows()).containsExactly(2);
        assertThat(b.cols()).containsExactly(0);
    }

    @Test
    void laterRowDisplacesAnEarlierChoiceAlongAnAugmentingPath() {
        // [[0, 0], [0, 5]]: row 0 first takes column 0 (tie, free column scanned last). Row 1 reaches
        // column 0 at reduced cost 0 (column 1 costs 5), finds it taken by row 0, continues from row 0
        // to column 1 at cost 0, which is free: augmenting flips row 0 to column 1, row 1 to column 0.
        var a = LinearSumAssignment.minimise(new double[][] {{0, 0}, {0, 5}});
        assertThat(a.cols()).containsExactly(1, 0);
    }

    @Test
    void maximiseNegatesScores() {
        var a = LinearSumAssignment.maximise(new double[][] {{0.9, 0.8}, {0.85, 0.1}});
        // 0.8 + 0.85 = 1.65 beats 0.9 + 0.1 = 1.0
        assertThat(a.cols()).containsExactly(1, 0);
    }

    @Test
    void emptyMatrixGivesNoPairs() {
        assertThat(LinearSumAssignment.minimise(new double[0][0]).size()).isZero();
        assertThat(LinearSumAssignment.minimise(new double[][] {{}, {}}).size()).isZero();
    }

    @Test
    void nanIsRejected() {
        assertThatThrownBy(() -> LinearSumAssignment.minimise(new double[][] {{Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 400 random tie-heavy matrices (0/1 costs, small integers, negated quarter scores, constant with a
     * few distinct entries; 1..7 rows and columns) with the answers of scipy 1.17.1's
     * linear_sum_assignment, written by generate_lsa_fixtures.py.
     */
    @Test
    void agreesWithScipyOnTieHeavyMatrices() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/eval/lsa_fixtures.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(";");
            int[] shape = ints(parts[0]);
            double[] values = Arrays.stream(parts[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[][] m = new double[shape[0]][shape[1]];
            for (int i = 0; i < shape[0]; i++) {
                System.arraycopy(values, i * shape[1], m[i], 0, shape[1]);
            }
            var a = LinearSumAssignment.minimise(m);
            assertThat(a.rows()).as(line).containsExactly(ints(parts[2]));
            assertThat(a.cols()).as(line).containsExactly(ints(parts[3]));
            checked++;
        }
        assertThat(checked).isEqualTo(400);
    }

    private static int[] ints(String s) {
        s = s.trim();
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
