package io.maskstream.pipeline.eval;

/**
 * Entry point: compares a predicted {@link TrackingSequence} with ground truth and reports HOTA,
 * CLEAR, Identity and (for masks) J&F, with TrackEval's definitions and conventions.
 */
public final class TrackingMetrics {

    private TrackingMetrics() {}

    /**
     * Evaluates one sequence, single class. Similarity is mask IoU when every object on both sides
     * has a mask, else box IoU. Sequences of different lengths are compared over the longer one.
     *
     * @throws EvaluationException when the two sides cannot be compared
     */
    public static MetricsReport evaluate(TrackingSequence gt, TrackingSequence pred) {
        MetricInput data = Preprocessing.prepare(gt, pred);
        return report(data);
    }

    static MetricsReport report(MetricInput data) {
        HotaMetric.Result h = HotaMetric.compute(data);
        ClearMetric.Result c = ClearMetric.compute(data);
        IdentityMetric.Result id = IdentityMetric.compute(data);
        double j = Double.NaN, f = Double.NaN, jf = Double.NaN;
        if (data.hasMasks()) {
            JAndFMetric.Result r = JAndFMetric.compute(data);
            j = r.jMean();
            f = r.fMean();
            jf = r.jAndF();
        }
        return new MetricsReport(
                h.meanHota(), h.meanDetA(), h.meanAssA(), h.meanLocA(), h.meanDetRe(), h.meanDetPr(),
                h.meanAssRe(), h.meanAssPr(),
                c.mota(), c.motp(), c.idsw(), c.frag(), c.mt(), c.pt(), c.ml(), c.tp(), c.fn(), c.fp(),
                id.idf1(), id.idp(), id.idr(), id.idtp(), id.idfn(), id.idfp(),
                j, f, jf,
                data.numGtIds(), data.numGtDets(), data.numTrackerIds(), data.numTrackerDets(), data.numTimesteps());
    }
}
