package io.maskstream.state.record;

import java.math.BigDecimal;

/** Canonical decimal text for floats in output records, so equal inputs give equal bytes. */
final class JsonNumbers {
    private JsonNumbers() {}

    /**
     * {@code v} rounded to the nearest multiple of 10^-decimals (ties towards +∞, as
     * {@link Math#round(double)}), printed without trailing zeros or exponent: 0.5 → "0.5",
     * 12.0 → "12", -0.0 → "0".
     */
    static String fixed(float v, int decimals) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        long scaled = Math.round((double) v * POW10[decimals]);
        return BigDecimal.valueOf(scaled, decimals).stripTrailingZeros().toPlainString();
    }

    private static final double[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
}
