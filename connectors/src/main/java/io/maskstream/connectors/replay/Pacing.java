package io.maskstream.connectors.replay;

import java.util.Locale;

/**
 * How fast frames are replayed: at the source's own frame rate ({@code native}), at a fixed rate
 * ({@code N} frames per second) or as fast as Kafka takes them ({@code max}).
 */
public record Pacing(Mode mode, double fps) {
    public enum Mode { NATIVE, FIXED, MAX }

    /** Frame rate used with {@code native} for a source that has none (an image folder). */
    public static final double FALLBACK_FPS = 30.0;

    public Pacing {
        if (mode == Mode.FIXED && !(fps > 0)) {
            throw new IllegalArgumentException("a fixed pace needs fps > 0, got " + fps);
        }
    }

    public static Pacing nativeRate() {
        return new Pacing(Mode.NATIVE, 0);
    }

    public static Pacing max() {
        return new Pacing(Mode.MAX, 0);
    }

    public static Pacing fixed(double fps) {
        return new Pacing(Mode.FIXED, fps);
    }

    /** {@code native}, {@code max} or a number of frames per second. */
    public static Pacing parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "native" -> nativeRate();
            case "max" -> max();
            default -> {
                try {
                    yield fixed(Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--fps must be native, max or a number, got '" + s + "'");
                }
            }
        };
    }

    /** Frames per second to pace at for a source of {@code sourceFps}, or 0 for no pacing. */
    public double effectiveFps(double sourceFps) {
        return switch (mode) {
            case MAX -> 0;
            case FIXED -> fps;
            case NATIVE -> Double.isNaN(sourceFps) || sourceFps <= 0 ? FALLBACK_FPS : sourceFps;
        };
    }

    @Override
    public String toString() {
        return mode == Mode.FIXED ? String.valueOf(fps) : mode.name().toLowerCase(Locale.ROOT);
    }
}
