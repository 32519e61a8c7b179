package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * TrackEval's {@code tests/test_metrics.py} cases. The CLEAR and Identity expectations are the ones
 * written in that file; the HOTA figures are TrackEval's own output for the same data (HOTA's
 * eval_sequence + combine_sequences, means over α), recorded when this port was made.
 */
class TrackEvalPortedCasesTest {

    private static final double TOL = 1e-12;

    @Test
    void noConfusion() {
        MetricInput data = DenseCases.noConfusion().toInput();
        ClearMetric.Result c = ClearMetric.compute(data);
        assertThat(c.tp()).isEqualTo(4);
        assertThat(c.fn()).isEqualTo(4);
        assertThat(c.fp()).isEqualTo(5);
        assertThat(c.idsw()).isZero();
        assertThat(c.mota()).isCloseTo(1 - 9.0 / 8, within(TOL));
        IdentityMetric.Result id = IdentityMetric.compute(data);
        assertThat(id.idtp()).isEqualTo(4);
        assertThat(id.idfn()).isEqualTo(4);
        assertThat(id.idfp()).isEqualTo(5);
        assertThat(id.idr()).isCloseTo(4.0 / 8, within(TOL));
        assertThat(id.idp()).isCloseTo(4.0 / 9, within(TOL));
        assertThat(id.idf1()).isCloseTo(2 * 4.0 / 17, within(TOL));
        HotaMetric.Result h = HotaMetric.compute(data);
        assertThat(h.meanHota()).isCloseTo(0.31622776601683794, within(TOL));
        assertThat(h.meanDetA()).isCloseTo(0.30769230769230765, within(TOL));
        assertThat(h.meanAssA()).isCloseTo(0.325, within(TOL));
        assertThat(h.meanAssRe()).isCloseTo(0.5333333333333333, within(TOL));
        assertThat(h.meanAssPr()).isCloseTo(0.45, within(TOL));
    }

    @Test
    void withConfusion() {
        MetricInput data = DenseCases.withConfusion().toInput();
        ClearMetric.Result c = ClearMetric.compute(data);
        assertThat(c.tp()).isEqualTo(5);
        assertThat(c.fn()).isEqualTo(3);
        assertThat(c.fp()).isEqualTo(4);
        assertThat(c.idsw()).isEqualTo(1);
        assertThat(c.mota()).isCloseTo(1 - 8.0 / 8, within(TOL));
        IdentityMetric.Result id = IdentityMetric.compute(data);
        assertThat(id.idtp()).isEqualTo(4);
        assertThat(id.idfn()).isEqualTo(4);
        assertThat(id.idfp()).isEqualTo(5);
        assertThat(id.idf1()).isCloseTo(2 * 4.0 / 17, within(TOL));
        HotaMetric.Result h = HotaMetric.compute(data);
        assertThat(h.meanHota()).isCloseTo(0.3446012188022555, within(TOL));
        assertThat(h.meanDetA()).isCloseTo(0.41666666666666674, within(TOL));
        assertThat(h.meanAssA()).isCloseTo(0.285, within(TOL));
        assertThat(h.meanDetRe()).isCloseTo(0.625, within(TOL));
        assertThat(h.meanDetPr()).isCloseTo(0.5555555555555556, within(TOL));
        assertThat(h.meanAssRe()).isCloseTo(0.4666666666666666, within(TOL));
        assertThat(h.meanAssPr()).isCloseTo(0.41, within(TOL));
    }

    @Test
    void splitTracks() {
        MetricInput data = DenseCases.splitTracks().toInput();
        ClearMetric.Result c = ClearMetric.compute(data);
        assertThat(c.tp()).isEqualTo(9);
        assertThat(c.fn()).isZero();
        assertThat(c.fp()).isEqualTo(2);
        assertThat(c.idsw()).isEqualTo(3);
        assertThat(c.mota()).isCloseTo(1 - 5.0 / 9, within(TOL));
        assertThat(c.frag()).isEqualTo(1);
        assertThat(c.mt()).isEqualTo(2);
        IdentityMetric.Result id = IdentityMetric.compute(data);
        assertThat(id.idtp()).isEqualTo(4);
        assertThat(id.idfn()).isEqualTo(5);
        assertThat(id.idfp()).isEqualTo(7);
        assertThat(id.idr()).isCloseTo(4.0 / 9, within(TOL));
        assertThat(id.idp()).isCloseTo(4.0 / 11, within(TOL));
        assertThat(id.idf1()).isCloseTo(2 * 4.0 / 20, within(TOL));
        HotaMetric.Result h = HotaMetric.compute(data);
        assertThat(h.meanHota()).isCloseTo(0.5613835722137898, within(TOL));
        assertThat(h.meanDetA()).isCloseTo(0.8181818181818182, within(TOL));
        assertThat(h.meanAssA()).isCloseTo(0.3851851851851852, within(TOL));
        assertThat(h.meanAssRe()).isCloseTo(0.4222222222222222, within(TOL));
        assertThat(h.meanAssPr()).isCloseTo(0.8518518518518517, within(TOL));
    }
}
