package io.maskstream.kit.reference.scene;

import io.maskstream.kit.reference.NamedColour;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The library of synthetic scenarios, each a named test of one tracking difficulty. Sizes and speeds
 * are given for 320×240 and scale with the frame; timings in frames do not.
 *
 * <table>
 * <tr><th>name</th><th>what it tests</th><th>default frames</th></tr>
 * <tr><td>crossing</td><td>two objects of different colours cross; the front one owns the overlap</td><td>90</td></tr>
 * <tr><td>occlusion</td><td>an object passes fully behind a grey bar for about 15 frames</td><td>120</td></tr>
 * <tr><td>enter-leave</td><td>objects enter at one border and leave at the opposite one</td><td>150</td></tr>
 * <tr><td>distractor</td><td>two red objects pass close by each other; each must keep its id</td><td>120</td></tr>
 * <tr><td>fast</td><td>objects move 15–20 pixels per frame, bouncing off the borders</td><td>90</td></tr>
 * <tr><td>crowd</td><td>32 small objects of all colours</td><td>120</td></tr>
 * <tr><td>flicker</td><td>slow objects under flickering light with flashing clutter (detector false positives)</td><td>90</td></tr>
 * <tr><td>scale</td><td>objects grow and shrink by a factor of about 2.5 in radius</td><td>120</td></tr>
 * <tr><td>mixed</td><td>a long scene with all of the above at once</td><td>600</td></tr>
 * </table>
 */
public final class Scenarios {
    private static final List<String> NAMES = List.of(
            "crossing", "occlusion", "enter-leave", "distractor", "fast", "crowd", "flicker", "scale", "mixed");

    /** Frames an object of the {@code occlusion} scenario is fully hidden behind the bar. */
    public static final int OCCLUSION_HIDDEN_FRAMES = 15;

    private Scenarios() {}

    /** The scenario names, in a fixed order. */
    public static List<String> names() {
        return NAMES;
    }

    public static SyntheticScene create(String name, SceneSettings settings) {
        String n = name.toLowerCase(Locale.ROOT);
        Builder b = new Builder(n, settings);
        switch (n) {
            case "crossing" -> crossing(b);
            case "occlusion" -> occlusion(b);
            case "enter-leave" -> enterLeave(b);
            case "distractor" -> distractor(b);
            case "fast" -> fast(b);
            case "crowd" -> crowd(b);
            case "flicker" -> flicker(b);
            case "scale" -> scale(b);
            case "mixed" -> mixed(b);
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + NAMES);
        }
        return b.build();
    }

    /**
     * A scene with exactly {@code objects} objects (for benchmarks that need K masklets): one per cell of
     * a near-square grid, cycling through the colours, each bouncing slowly inside its own cell so no
     * two objects ever touch. Named {@code grid-K}; not one of {@link #names()}.
     */
    public static SyntheticScene grid(int objects, SceneSettings settings) {
        if (objects < 1) {
            throw new IllegalArgumentException("a grid scene needs at least one object, got " + objects);
        }
        Builder b = new Builder("grid-" + objects, settings);
        int cols = (int) Math.ceil(Math.sqrt(objects * (double) b.w / b.h));
        int rows = (int) Math.ceil(objects / (double) cols);
        double cw = (double) b.w / cols, ch = (double) b.h / rows;
        double r = Math.max(3, Math.min(cw, ch) * 0.22);
        NamedColour[] colours = NamedColour.values();
        for (int i = 0; i < objects; i++) {
            double x0 = (i % cols) * cw, y0 = (i / cols) * ch;
            double minX = x0 + r + 2, maxX = x0 + cw - r - 2, minY = y0 + r + 2, maxY = y0 + ch - r - 2;
            double angle = b.random.nextDouble() * 2 * Math.PI;
            double speed = 0.6 * b.s;
            b.add(colours[i % colours.length], Shape.DISC, r, 0, Motion.bouncing((minX + maxX) / 2, (minY + maxY) / 2,
                    speed * Math.cos(angle), speed * Math.sin(angle), minX, maxX, minY, maxY));
        }
        return b.build();
    }

    /** The default frame count of a scenario. */
    public static int defaultFrames(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "crossing", "fast", "flicker" -> 90;
            case "enter-leave" -> 150;
            case "mixed" -> 600;
            default -> 120;
        };
    }

    private static void crossing(Builder b) {
        double r = 18 * b.s;
        double vx = 0.7 * b.w / Math.max(1, b.frames - 1);
        b.add(NamedColour.RED, Shape.DISC, r, 2, Motion.linear(0.15 * b.w, 0.45 * b.h, vx, 0));
        b.add(NamedColour.BLUE, Shape.SQUARE, r, 1, Motion.linear(0.85 * b.w, 0.55 * b.h, -vx, 0));
    }

    private static void occlusion(Builder b) {
        double r = 10 * b.s;
        double v = 2 * b.s;
        // Fully hidden while the object's extent lies inside the bar: (barWidth - 2r) / v frames.
        int barWidth = (int) Math.round(2 * r + OCCLUSION_HIDDEN_FRAMES * v);
        int barX0 = b.w / 2 - barWidth / 2;
        b.bar(barX0, barX0 + barWidth);
        double startX = b.w / 2.0 - 55 * v;
        b.add(NamedColour.GREEN, Shape.DISC, r, 1,
                Motion.bouncing(startX, 0.5 * b.h, v, 0, r, b.w - r, r, b.h - r));
        b.add(NamedColour.YELLOW, Shape.SQUARE, r, 1,
                Motion.bouncing(0.15 * b.w, 0.2 * b.h, 0, 1.2 * b.s, r, b.w - r, r, b.h - r));
    }

    private static void enterLeave(Builder b) {
        double r = 14 * b.s;
        int crossFrames = 60;
        NamedColour[] colours = {NamedColour.ORANGE, NamedColour.CYAN, NamedColour.MAGENTA, NamedColour.GREEN};
        int stagger = Math.max(1, (b.frames - crossFrames) / 4);
        for (int i = 0; i < 4; i++) {
            int start = i * stagger;
            double vw = (b.w + 2 * r) / crossFrames;
            double vh = (b.h + 2 * r) / crossFrames;
            Motion m = switch (i) {
                case 0 -> Motion.linear(-r - vw * start, 0.3 * b.h, vw, 0); // from the left
                case 1 -> Motion.linear(b.w + r + vw * start, 0.7 * b.h, -vw, 0); // from the right
                case 2 -> Motion.linear(0.35 * b.w, -r - vh * start, 0, vh); // from the top
                default -> Motion.linear(0.65 * b.w, b.h + r + vh * start, 0, -vh); // from the bottom
            };
            b.add(colours[i], i % 2 == 0 ? Shape.DISC : Shape.DIAMOND, r, i, m);
        }
    }

    private static void distractor(Builder b) {
        double r = 14 * b.s;
        double gap = 6 * b.s;
        double vx = 0.6 * b.w / Math.max(1, b.frames - 1);
        double cy = 0.5 * b.h;
        b.add(NamedColour.RED, Shape.DISC, r, 1, Motion.linear(0.2 * b.w, cy - r - gap / 2, vx, 0));
        b.add(NamedColour.RED, Shape.DISC, r, 1, Motion.linear(0.8 * b.w, cy + r + gap / 2, -vx, 0));
        b.add(NamedColour.BLUE, Shape.SQUARE, r, 0, Motion.linear(0.5 * b.w, 0.15 * b.h, 0, 0));
    }

    private static void fast(Builder b) {
        double r = 14 * b.s;
        NamedColour[] colours = {NamedColour.RED, NamedColour.CYAN, NamedColour.YELLOW};
        for (int i = 0; i < colours.length; i++) {
            double speed = (15 + 2.5 * i) * b.s;
            double angle = 0.4 + 2.1 * i + b.random.nextDouble() * 0.3;
            b.add(colours[i], Shape.values()[i], r, i,
                    Motion.bouncing(b.w * (0.25 + 0.25 * i), b.h * 0.5, speed * Math.cos(angle),
                            speed * Math.sin(angle), r, b.w - r, r, b.h - r));
        }
    }

    private static void crowd(Builder b) {
        NamedColour[] colours = NamedColour.values();
        for (int i = 0; i < 32; i++) {
            double r = (6 + b.random.nextDouble() * 4) * b.s;
            double speed = (0.5 + b.random.nextDouble() * 2) * b.s;
            double angle = b.random.nextDouble() * 2 * Math.PI;
            b.add(colours[i % colours.length], Shape.values()[b.random.nextInt(Shape.values().length)], r,
                    b.random.nextInt(1000),
                    Motion.bouncing(r + b.random.nextDouble() * (b.w - 2 * r), r + b.random.nextDouble() * (b.h - 2 * r),
                            speed * Math.cos(angle), speed * Math.sin(angle), r, b.w - r, r, b.h - r));
        }
    }

    private static void flicker(Builder b) {
        double r = 14 * b.s;
        b.add(NamedColour.MAGENTA, Shape.DISC, r, 0,
                Motion.bouncing(0.3 * b.w, 0.4 * b.h, 0.8 * b.s, 0.3 * b.s, r, b.w - r, r, b.h - r));
        b.add(NamedColour.WHITE, Shape.SQUARE, r, 0,
                Motion.bouncing(0.7 * b.w, 0.6 * b.h, -0.6 * b.s, 0.4 * b.s, r, b.w - r, r, b.h - r));
        b.flicker = true;
    }

    private static void scale(Builder b) {
        double r = 16 * b.s;
        double amp = 0.45;
        double reach = r * (1 + amp);
        NamedColour[] colours = {NamedColour.ORANGE, NamedColour.BLUE, NamedColour.GREEN};
        for (int i = 0; i < colours.length; i++) {
            b.add(colours[i], Shape.values()[i], r, i,
                    Motion.bouncing(b.w * (0.2 + 0.3 * i), b.h * (0.3 + 0.2 * i), 0.5 * b.s, 0.3 * b.s, reach,
                                    b.w - reach, reach, b.h - reach)
                            .withScale(amp, 60, 15 * i));
        }
    }

    private static void mixed(Builder b) {
        double r = 12 * b.s;
        double v = 2 * b.s;
        int barWidth = (int) Math.round(2 * r + OCCLUSION_HIDDEN_FRAMES * v);
        int barX0 = (int) (0.7 * b.w) - barWidth / 2;
        b.bar(barX0, barX0 + barWidth);
        // passes behind the bar, back and forth
        b.add(NamedColour.GREEN, Shape.DISC, r, 1, Motion.bouncing(0.3 * b.w, 0.5 * b.h, v, 0, r, b.w - r, r, b.h - r));
        // a same-colour pair
        b.add(NamedColour.RED, Shape.DISC, r, 1,
                Motion.bouncing(0.2 * b.w, 0.25 * b.h, 1.1 * b.s, 0.2 * b.s, r, b.w - r, r, b.h - r));
        b.add(NamedColour.RED, Shape.DISC, r, 1,
                Motion.bouncing(0.8 * b.w, 0.3 * b.h, -1.0 * b.s, -0.15 * b.s, r, b.w - r, r, b.h - r));
        // crossing in depth order
        b.add(NamedColour.BLUE, Shape.SQUARE, r, 2,
                Motion.bouncing(0.1 * b.w, 0.75 * b.h, 1.5 * b.s, 0, r, b.w - r, r, b.h - r));
        b.add(NamedColour.YELLOW, Shape.DIAMOND, r, 3,
                Motion.bouncing(0.9 * b.w, 0.78 * b.h, -1.3 * b.s, 0, r, b.w - r, r, b.h - r));
        // growing and shrinking
        b.add(NamedColour.MAGENTA, Shape.ELLIPSE, r, 0,
                Motion.bouncing(0.45 * b.w, 0.15 * b.h, 0.3 * b.s, 0.1 * b.s, 1.45 * r, b.w - 1.45 * r, 1.45 * r,
                                b.h - 1.45 * r)
                        .withScale(0.45, 90, 0));
        // fast
        b.add(NamedColour.WHITE, Shape.SQUARE, 0.8 * r, 4,
                Motion.bouncing(0.5 * b.w, 0.5 * b.h, 9 * b.s, 6 * b.s, r, b.w - r, r, b.h - r));
        // visitors entering from the left and leaving on the right, each a new object
        double vw = (b.w + 2 * r) / 80;
        for (int start = 40; start + 80 <= b.frames; start += 150) {
            b.add(NamedColour.ORANGE, Shape.DIAMOND, r, 5, Motion.linear(-r - vw * start, 0.62 * b.h, vw, 0));
            b.add(NamedColour.CYAN, Shape.DISC, r, 5,
                    Motion.linear(0.35 * b.w, -r - (b.h + 2 * r) / 80 * (start + 40), 0, (b.h + 2 * r) / 80));
        }
    }

    private static final class Builder {
        final String name;
        final SceneSettings settings;
        final int w;
        final int h;
        final double s;
        final int frames;
        final SplittableRandom random;
        final List<SceneObject> objects = new ArrayList<>();
        final List<Bar> bars = new ArrayList<>();
        boolean flicker;

        Builder(String name, SceneSettings settings) {
            this.name = name;
            this.settings = settings;
            this.w = settings.width();
            this.h = settings.height();
            this.s = Math.min(w / 320.0, h / 240.0);
            this.frames = settings.frameCount() > 0 ? settings.frameCount() : defaultFrames(name);
            this.random = new SplittableRandom(settings.seed());
        }

        void add(NamedColour colour, Shape shape, double radius, int depth, Motion motion) {
            objects.add(new SceneObject(objects.size() + 1, colour, shape, radius, depth, motion));
        }

        void bar(int x0, int x1) {
            bars.add(new Bar(x0, x1));
        }

        SyntheticScene build() {
            return new SyntheticScene(name, settings, frames, objects, bars, flicker);
        }
    }
}
