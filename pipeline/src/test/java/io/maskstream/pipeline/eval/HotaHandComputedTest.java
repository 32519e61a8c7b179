package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small box sequences whose HOTA (and CLEAR / Identity) figures are computed by hand below. */
class HotaHandComputedTest {

    private static final double TOL = 1e-12;
    private static final BoxRegion FULL = new BoxRegion(0, 0, 10, 10);

    /**
     * One gt track, one tracker track, two frames; frame 0 IoU 1, frame 1 IoU 50/100 = 0.5 exactly.
     *
     * <p>α ∈ {0.05 … 0.50} (10 thresholds; 0.5 counts because a match needs IoU ≥ α − ε): both frames
     * match. TP 2, FN 0, FP 0 → DetA = DetRe = DetPr = 1; one id pair matched twice with both ids
     * present twice → AssA = 2·(2/(2+2−2))/2 = 1, AssRe = AssPr = 1; HOTA 1; LocA (1 + 0.5)/2 = 0.75.
     * α ∈ {0.55 … 0.95} (9 thresholds): only frame 0 matches. TP 1, FN 1, FP 1 → DetA 1/3,
     * DetRe = DetPr = 1/2; AssA = 1·(1/(2+2−1))/1 = 1/3, AssRe = AssPr = 1/2; HOTA √(1/9) = 1/3; LocA 1.
     * Means over 19: HOTA = DetA = AssA = (10 + 9/3)/19 = 13/19; DetRe = DetPr = AssRe = AssPr =
     * (10 + 9/2)/19 = 14.5/19; LocA = (10·0.75 + 9)/19 = 16.5/19. CLEAR at 0.5: both match, MOTA 1,
     * MOTP 0.75. IDF1 1.
     */
    @Test
    void iouExactlyOnAnAlphaCountsAsAMatch() {
        TrackingSequence gt = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)));
        TrackingSequence pred = seq(List.of(obj(1, FULL)), List.of(obj(1, new BoxRegion(0, 0, 10, 5))));
        MetricsReport r = TrackingMetrics.evaluate(gt, pred);
        assertThat(r.hota()).isCloseTo(13.0 / 19, within(TOL));
        assertThat(r.detA()).isCloseTo(13.0 / 19, within(TOL));
        assertThat(r.assA()).isCloseTo(13.0 / 19, within(TOL));
        assertThat(r.detRe()).isCloseTo(14.5 / 19, within(TOL));
        assertThat(r.detPr()).isCloseTo(14.5 / 19, within(TOL));
        assertThat(r.assRe()).isCloseTo(14.5 / 19, within(TOL));
        assertThat(r.assPr()).isCloseTo(14.5 / 19, within(TOL));
        assertThat(r.locA()).isCloseTo(16.5 / 19, within(TOL));
        assertThat(r.mota()).isCloseTo(1.0, within(TOL));
        assertThat(r.motp()).isCloseTo(0.75, within(TOL));
        assertThat(r.idf1()).isCloseTo(1.0, within(TOL));
    }

    /**
     * One gt track over 4 frames, tracked by id 1 on frames 0–1 and id 2 on frames 2–3, all IoU 1.
     *
     * <p>Every α: TP 4, DetA 1. Pairs (g,1) and (g,2) matched twice each; gt present 4×, each tracker
     * 2× → AssA = [2·2/(4+2−2) + 2·2/(4+2−2)]/4 = 0.5; AssRe = [2·2/4 + 2·2/4]/4 = 0.5; AssPr =
     * [2·2/2 + 2·2/2]/4 = 1. HOTA √0.5. CLEAR: one switch → MOTA (4 − 0 − 1)/4 = 0.75. Identity: gt
     * takes one tracker for 2 frames → IDTP 2, IDFN 2, IDFP 2, IDF1 = 2/(2 + 1 + 1) = 0.5.
     */
    @Test
    void identitySwitchHalvesAssociationAccuracy() {
        TrackingSequence gt = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(1, FULL)));
        TrackingSequence pred = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(2, FULL)), List.of(obj(2, FULL)));
        MetricsReport r = TrackingMetrics.evaluate(gt, pred);
        assertThat(r.detA()).isCloseTo(1.0, within(TOL));
        assertThat(r.assA()).isCloseTo(0.5, within(TOL));
        assertThat(r.assRe()).isCloseTo(0.5, within(TOL));
        assertThat(r.assPr()).isCloseTo(1.0, within(TOL));
        assertThat(r.hota()).isCloseTo(Math.sqrt(0.5), within(TOL));
        assertThat(r.idsw()).isEqualTo(1);
        assertThat(r.mota()).isCloseTo(0.75, within(TOL));
        assertThat(r.idf1()).isCloseTo(0.5, within(TOL));
    }

    /**
     * One gt track and tracker 1 on it for 4 frames; on frame 3 a duplicate tracker 2 sits on the same
     * box (a tie in similarity). Global alignment breaks it: frames 0–2 add 1/(1+1−1) = 1 each to
     * (g,1); on frame 3 the row sums to 2 and each column to 1, so (g,1) and (g,2) each add
     * 1/(1+2−1) = 0.5. A(g,1) = 3.5/(4+4−3.5) = 7/9, A(g,2) = 0.5/(4+1−0.5) = 1/9, so tracker 1 keeps
     * the match. Every α: TP 4, FN 0, FP 1 → DetA 4/5, DetPr 4/5, DetRe 1; AssA = 4·4/(4+4−4)/4 = 1;
     * HOTA √0.8. MOTA (4 − 1)/4; IDTP 4, IDFP 1 → IDF1 4/4.5.
     */
    @Test
    void globalAlignmentBreaksASimilarityTie() {
        TrackingSequence gt = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(1, FULL)));
        TrackingSequence pred = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)), List.of(obj(1, FULL)),
                List.of(obj(2, FULL), obj(1, FULL)));
        MetricsReport r = TrackingMetrics.evaluate(gt, pred);
        assertThat(r.detA()).isCloseTo(0.8, within(TOL));
        assertThat(r.detRe()).isCloseTo(1.0, within(TOL));
        assertThat(r.assA()).isCloseTo(1.0, within(TOL));
        assertThat(r.hota()).isCloseTo(Math.sqrt(0.8), within(TOL));
        assertThat(r.mota()).isCloseTo(0.75, within(TOL));
        assertThat(r.idsw()).isZero();
        assertThat(r.idf1()).isCloseTo(4 / 4.5, within(TOL));
    }

    /** Nothing predicted: every gt detection is missed; LocA is 1 by TrackEval's convention. */
    @Test
    void noPredictionsScoreZero() {
        TrackingSequence gt = seq(List.of(obj(1, FULL)), List.of(obj(1, FULL)));
        MetricsReport r = TrackingMetrics.evaluate(gt, seq(List.of(), List.of()));
        assertThat(r.hota()).isZero();
        assertThat(r.locA()).isEqualTo(1.0);
        assertThat(r.mota()).isZero();
        assertThat(r.clrFn()).isEqualTo(2);
        assertThat(r.ml()).isEqualTo(1);
        assertThat(r.idf1()).isZero();
    }

    static TrackedObject obj(int id, BoxRegion box) {
        return TrackedObject.ofBox(id, box);
    }

    @SafeVarargs
    static TrackingSequence seq(List<TrackedObject>... frames) {
        TrackingSequence.Builder b = TrackingSequence.builder().frameCount(frames.length);
        for (int t = 0; t < frames.length; t++) {
            for (TrackedObject o : frames[t]) {
                b.add(t, o);
            }
        }
        return b.build();
    }
}
