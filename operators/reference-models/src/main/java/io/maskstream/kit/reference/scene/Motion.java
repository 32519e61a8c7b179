package io.maskstream.kit.reference.scene;

/**
 * Where an object is on frame t, in closed form so that any frame can be generated on its own.
 *
 * <p>The centre moves linearly from (x0, y0) at (vx, vy) pixels per frame; with {@code bounce} it
 * is reflected at the borders of {@code [minX, maxX] × [minY, maxY]}; without it the object simply
 * leaves the frame. The scale is {@code 1 + scaleAmplitude · sin(2π (t + scalePhase) / scalePeriod)}.
 */
public record Motion(
        double x0, double y0, double vx, double vy,
        boolean bounce, double minX, double maxX, double minY, double maxY,
        double scaleAmplitude, double scalePeriod, double scalePhase) {

    /** Straight-line motion, leaving the frame when it reaches a border. */
    public static Motion linear(double x0, double y0, double vx, double vy) {
        return new Motion(x0, y0, vx, vy, false, 0, 0, 0, 0, 0, 1, 0);
    }

    /** Motion reflected inside the given range of centre positions. */
    public static Motion bouncing(double x0, double y0, double vx, double vy, double minX, double maxX, double minY,
            double maxY) {
        return new Motion(x0, y0, vx, vy, true, minX, maxX, minY, maxY, 0, 1, 0);
    }

    public Motion withScale(double amplitude, double period, double phase) {
        return new Motion(x0, y0, vx, vy, bounce, minX, maxX, minY, maxY, amplitude, period, phase);
    }

    double x(int t) {
        double x = x0 + vx * t;
        return bounce ? reflect(x, minX, maxX) : x;
    }

    double y(int t) {
        double y = y0 + vy * t;
        return bounce ? reflect(y, minY, maxY) : y;
    }

    double scale(int t) {
        return scaleAmplitude == 0 ? 1.0 : 1.0 + scaleAmplitude * Math.sin(2 * Math.PI * (t + scalePhase) / scalePeriod);
    }

    private static double reflect(double p, double lo, double hi) {
        double span = hi - lo;
        if (span <= 0) {
            return lo;
        }
        double q = (p - lo) % (2 * span);
        if (q < 0) {
            q += 2 * span;
        }
        return lo + (q > span ? 2 * span - q : q);
    }
}
