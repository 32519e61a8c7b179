package io.maskstream.pipeline.eval;

/** Numerical conventions shared with TrackEval. */
final class Precision {
    /** numpy's {@code np.finfo('float').eps}: the tolerance TrackEval puts on every threshold. */
    static final double EPS = Math.ulp(1.0);

    private Precision() {}
}
