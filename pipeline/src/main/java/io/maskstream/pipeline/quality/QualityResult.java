package io.maskstream.pipeline.quality;

import io.maskstream.pipeline.eval.MetricsReport;

/**
 * The score of one scenario under one variant.
 *
 * @param scenario the scenario name
 * @param variant the variant's name
 * @param frames frames tracked
 * @param report HOTA, CLEAR, Identity and J&F against the ground truth
 * @param seconds wall-clock time of the tracking (models and rules, not the scoring)
 */
public record QualityResult(String scenario, String variant, int frames, MetricsReport report, double seconds) {

    /**
     * Mask IoU as the report defines it: the mean mask IoU of the ground-truth/prediction pairs that
     * CLEAR MOT matches (TrackEval's matching: Hungarian on IoU ≥ 0.5, preferring last frame's
     * pairs), i.e. MOTP with mask similarity.
     */
    public double maskIou() {
        return report.motp();
    }
}
