package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskstream.state.geometry.Mask;
import org.junit.jupiter.api.Test;

class JAndFMetricTest {

    private static final double TOL = 1e-12;

    private static Mask square(int x0, int y0, int x1, int y1) {
        return Mask.rectangle(100, 100, x0, y0, x1, y1);
    }

    /**
     * One object on a 100×100 image: tolerance ceil(0.008 × √(100² + 100²)) = ceil(1.13) = 2 pixels,
     * a radius-2 disk (offsets with dx² + dy² ≤ 4). Ground truth: the square x, y ∈ [20, 60) on
     * frames 0–2, nothing on frame 3. Prediction: shifted 3 px right, 1 px right, nothing, and a
     * stray square on frame 3.
     *
     * <p>seg2bmap puts a 40×40 square's boundary on the 41×41 ring through columns 19 and 59 and rows
     * 19 and 59: 160 pixels. Frame 0: the predicted ring (columns 22, 62) is 3 px from the gt columns;
     * its top and bottom rows match for x = 22…61 (x = 60, 61 are within 2 of the gt corner), 40 each;
     * its left column matches on rows 20, 21, 57, 58 (within 2 of the gt rows); its right column
     * nowhere: 84 / 160 = 0.525 = precision = recall (symmetry), F 0.525. J = 37·40 / (3200 − 1480) =
     * 1480/1720. Frame 1: every boundary pixel within 1 px, F 1; J = 1560/1640. Frame 2: missed, J 0,
     * F 0 (precision 1, recall 0). Frame 3: no gt, J 0, F 0 (precision 0, recall 1).
     * J = (1480/1720 + 1560/1640)/4; F = (0.525 + 1)/4 = 0.38125 — TrackEval's JAndF gives the same.
     */
    @Test
    void boundaryToleranceAndMissingFramesByHand() {
        TrackingSequence gt = TrackingSequence.builder().frameCount(4)
                .add(0, TrackedObject.ofMask(1, square(20, 20, 60, 60).toRle()))
                .add(1, TrackedObject.ofMask(1, square(20, 20, 60, 60).toRle()))
                .add(2, TrackedObject.ofMask(1, square(20, 20, 60, 60).toRle()))
                .build();
        TrackingSequence pred = TrackingSequence.builder().frameCount(4)
                .add(0, TrackedObject.ofMask(5, square(23, 20, 63, 60).toRle()))
                .add(1, TrackedObject.ofMask(5, square(21, 20, 61, 60).toRle()))
                .add(3, TrackedObject.ofMask(5, square(10, 10, 30, 30).toRle()))
                .build();
        MetricsReport r = TrackingMetrics.evaluate(gt, pred);
        double j = (1480.0 / 1720 + 1560.0 / 1640) / 4;
        assertThat(r.jMean()).isCloseTo(j, within(TOL));
        assertThat(r.fMean()).isCloseTo(0.38125, within(TOL));
        assertThat(r.jAndF()).isCloseTo((j + 0.38125) / 2, within(TOL));
        assertThat(r.jAndF()).isCloseTo(0.417085578559274, within(1e-12));
    }

    @Test
    void boundaryIsOffsetHalfAPixelTowardTheOrigin() {
        // 2×2 square at (1..2, 1..2) in a 4×4 image: boundary ring through rows/columns 0 and 2.
        boolean[] b = JAndFMetric.boundaryMap(Mask.rectangle(4, 4, 1, 1, 3, 3));
        String rows = "";
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                rows += b[y * 4 + x] ? '#' : '.';
            }
            rows += '/';
        }
        assertThat(rows).isEqualTo("###./#.#./###./..../");
    }

    @Test
    void masksOnlyGiveJAndFWhileBoxesDoNot() {
        TrackingSequence boxes = TrackingSequence.builder().add(0, TrackedObject.ofBox(1, new BoxRegion(0, 0, 5, 5))).build();
        assertThat(TrackingMetrics.evaluate(boxes, boxes).jAndF()).isNaN();
        assertThat(TrackingMetrics.evaluate(boxes, boxes).toJson()).contains("\"J&F\":null");
    }
}
