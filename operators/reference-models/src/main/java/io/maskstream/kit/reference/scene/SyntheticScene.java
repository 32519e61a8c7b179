package io.maskstream.kit.reference.scene;

import io.maskstream.kit.reference.NamedColour;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A generated video with exact ground truth: textured, noisy, saturated objects over a darker,
 * desaturated cluttered background, optionally behind grey bars and under flickering light.
 *
 * <p>Every frame is a pure function of (settings, scenario, index): frames can be generated in any
 * order and the same seed gives byte-identical frames. The last rendered frame is cached, so asking
 * for {@link #frame(int)} and {@link #groundTruth(int)} of the same index renders once. Instances
 * are safe to share between threads (rendering is synchronized).
 */
public final class SyntheticScene {
    /** The colour of occluding bars: neutral grey, which no concept prototype is near. */
    public static final int BAR_GREY = 128;
    /** Texture stripes darken an object to this fraction of its colour. */
    private static final double STRIPE_SHADE = 0.85;
    private static final int OBJECT_NOISE = 10;
    private static final int BACKGROUND_NOISE = 5;

    private final String name;
    private final SceneSettings settings;
    private final int frameCount;
    private final List<SceneObject> objects; // by id
    private final List<SceneObject> paintOrder; // back to front
    private final List<Bar> bars;
    private final boolean flicker;
    private final byte[] background;
    private final List<int[]> flickerPatches; // x0, y0, x1, y1, grey level
    private final List<String> concepts;

    private int cachedIndex = -1;
    private Rendered cached;

    SyntheticScene(String name, SceneSettings settings, int frameCount, List<SceneObject> objects, List<Bar> bars,
            boolean flicker) {
        this.name = Objects.requireNonNull(name);
        this.settings = settings;
        this.frameCount = frameCount;
        this.objects = objects.stream().sorted(Comparator.comparingInt(SceneObject::id)).toList();
        this.paintOrder = objects.stream()
                .sorted(Comparator.comparingInt(SceneObject::depth).thenComparingInt(SceneObject::id))
                .toList();
        this.bars = List.copyOf(bars);
        this.flicker = flicker;
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5CE4EL);
        this.background = clutteredBackground(settings.width(), settings.height(), random);
        this.flickerPatches = flicker ? flickerPatches(settings.width(), settings.height(), random) : List.of();
        TreeSet<String> c = new TreeSet<>();
        objects.forEach(o -> c.add(o.concept()));
        this.concepts = List.copyOf(c);
        for (int i = 1; i < this.objects.size(); i++) {
            if (this.objects.get(i).id() == this.objects.get(i - 1).id()) {
                throw new IllegalArgumentException("duplicate object id " + this.objects.get(i).id());
            }
        }
    }

    public String name() {
        return name;
    }

    public SceneSettings settings() {
        return settings;
    }

    public int width() {
        return settings.width();
    }

    public int height() {
        return settings.height();
    }

    public double fps() {
        return SceneSettings.FPS;
    }

    public int frameCount() {
        return frameCount;
    }

    /** The objects of the scene, by id. */
    public List<SceneObject> objects() {
        return objects;
    }

    public List<Bar> bars() {
        return bars;
    }

    /** The concepts (colour names) of the scene's objects, sorted. */
    public List<String> concepts() {
        return concepts;
    }

    public RgbImage frame(int index) {
        return rendered(index).frame;
    }

    /** Every object of the scene on frame {@code index}, by id; hidden objects have an empty mask. */
    public List<GroundTruthObject> groundTruth(int index) {
        return rendered(index).truth;
    }

    /** The visible pixels of object {@code objectId} on frame {@code index} (empty when it is hidden). */
    public Mask visibleMask(int objectId, int index) {
        for (GroundTruthObject o : groundTruth(index)) {
            if (o.id() == objectId) {
                return o.mask();
            }
        }
        throw new IllegalArgumentException("scene " + name + " has no object " + objectId);
    }

    /**
     * The box a user would draw around object {@code objectId} on frame {@code index}: the bounding box
     * of its visible pixels grown by {@code margin} pixels, within the frame.
     */
    public Box boxAround(int objectId, int index, int margin) {
        Box b = visibleMask(objectId, index).boundingBox();
        if (b == null) {
            throw new IllegalArgumentException("object " + objectId + " is hidden on frame " + index);
        }
        return new Box(Math.max(0, b.x1() - margin), Math.max(0, b.y1() - margin),
                Math.min(width(), b.x2() + margin), Math.min(height(), b.y2() + margin));
    }

    private synchronized Rendered rendered(int index) {
        if (index < 0 || index >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + index + " of a " + frameCount + "-frame scene");
        }
        if (index != cachedIndex) {
            cached = renderNow(index);
            cachedIndex = index;
        }
        return cached;
    }

    private record Rendered(RgbImage frame, List<GroundTruthObject> truth) {}

    private Rendered renderNow(int t) {
        int w = settings.width();
        int h = settings.height();
        byte[] rgb = new byte[w * h * 3];
        int[] owner = new int[w * h]; // 0 background, -1 bar, k = index in objects + 1
        double light = flicker ? 0.9 + 0.1 * unit(hash(t, 7, 11, settings.seed())) : 1.0;
        paintBackground(rgb, t, light);
        for (SceneObject o : paintOrder) {
            paintObject(rgb, owner, o, objects.indexOf(o) + 1, t, light);
        }
        for (Bar bar : bars) {
            paintBar(rgb, owner, bar, t, light);
        }
        Mask.Builder[] builders = new Mask.Builder[objects.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = Mask.builder(h, w);
        }
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int k = owner[row + x];
                if (k > 0) {
                    builders[k - 1].set(y, x);
                }
            }
        }
        List<GroundTruthObject> truth = new ArrayList<>(objects.size());
        for (int i = 0; i < builders.length; i++) {
            SceneObject o = objects.get(i);
            truth.add(new GroundTruthObject(o.id(), o.concept(), builders[i].build()));
        }
        return new Rendered(new RgbImage(w, h, rgb), List.copyOf(truth));
    }

    private void paintBackground(byte[] rgb, int t, double light) {
        int w = settings.width();
        int h = settings.height();
        long seed = settings.seed();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int n = (int) (unit(hash(x, y, t, seed)) * (2 * BACKGROUND_NOISE + 1)) - BACKGROUND_NOISE;
                for (int c = 0; c < 3; c++) {
                    rgb[3 * p + c] = (byte) clamp((int) (((background[3 * p + c] & 0xff) + n) * light));
                }
            }
        }
        for (int i = 0; i < flickerPatches.size(); i++) {
            // Patches of clutter flash on and off: changes a detector must not mistake for objects.
            if (unit(hash(i, t, 3, seed)) < 0.5) {
                continue;
            }
            int[] patch = flickerPatches.get(i);
            for (int y = patch[1]; y < patch[3]; y++) {
                for (int x = patch[0]; x < patch[2]; x++) {
                    int p = 3 * (y * w + x);
                    rgb[p] = (byte) clamp((int) (patch[4] * light));
                    rgb[p + 1] = (byte) clamp((int) (patch[5] * light));
                    rgb[p + 2] = (byte) clamp((int) (patch[6] * light));
                }
            }
        }
    }

    private void paintObject(byte[] rgb, int[] owner, SceneObject o, int ownerId, int t, double light) {
        int w = settings.width();
        int h = settings.height();
        double cx = o.motion().x(t);
        double cy = o.motion().y(t);
        double r = o.radius() * o.motion().scale(t);
        int x0 = Math.max(0, (int) Math.floor(cx - r));
        int x1 = Math.min(w - 1, (int) Math.ceil(cx + r));
        int y0 = Math.max(0, (int) Math.floor(cy - r));
        int y1 = Math.min(h - 1, (int) Math.ceil(cy + r));
        double stripe = Math.max(3.0, r / 3.0);
        NamedColour colour = o.colour();
        long seed = settings.seed() + 31L * o.id();
        for (int y = y0; y <= y1; y++) {
            double v = (y + 0.5 - cy) / r;
            for (int x = x0; x <= x1; x++) {
                double u = (x + 0.5 - cx) / r;
                if (!o.shape().contains(u, v)) {
                    continue;
                }
                int p = y * w + x;
                owner[p] = ownerId;
                // Diagonal stripes that move with the object, plus per-pixel noise.
                double shade = (Math.floorMod((int) Math.floor((u + v) * r / stripe), 2) == 0 ? 1.0 : STRIPE_SHADE)
                        * light;
                int n = (int) (unit(hash(x, y, t, seed)) * (2 * OBJECT_NOISE + 1)) - OBJECT_NOISE;
                rgb[3 * p] = (byte) clamp((int) (colour.red() * shade) + n);
                rgb[3 * p + 1] = (byte) clamp((int) (colour.green() * shade) + n);
                rgb[3 * p + 2] = (byte) clamp((int) (colour.blue() * shade) + n);
            }
        }
    }

    private void paintBar(byte[] rgb, int[] owner, Bar bar, int t, double light) {
        int w = settings.width();
        int h = settings.height();
        long seed = settings.seed() + 977L;
        for (int y = 0; y < h; y++) {
            for (int x = Math.max(0, bar.x0()); x < Math.min(w, bar.x1()); x++) {
                int p = y * w + x;
                owner[p] = -1;
                int n = (int) (unit(hash(x, y, t, seed)) * 7) - 3;
                int g = clamp((int) (BAR_GREY * light) + n);
                rgb[3 * p] = (byte) g;
                rgb[3 * p + 1] = (byte) g;
                rgb[3 * p + 2] = (byte) g;
            }
        }
    }

    /**
     * A static background: a dark vertical gradient with noise, and clutter shapes of desaturated,
     * dark colours (saturation ≤ 0.35, value ≤ 0.5), far from every {@link NamedColour}.
     */
    private static byte[] clutteredBackground(int w, int h, SplittableRandom random) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int base = 45 + 30 * y / h;
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                int n = random.nextInt(11) - 5;
                rgb[p] = (byte) (base + n);
                rgb[p + 1] = (byte) (base + 4 + n);
                rgb[p + 2] = (byte) (base + 2 + n);
            }
        }
        int clutter = Math.max(12, w * h / 2000);
        for (int i = 0; i < clutter; i++) {
            int[] c = dullColour(random);
            int cw = 6 + random.nextInt(Math.max(2, w / 8));
            int ch = 6 + random.nextInt(Math.max(2, h / 8));
            int x0 = random.nextInt(w);
            int y0 = random.nextInt(h);
            boolean round = random.nextBoolean();
            for (int y = y0; y < Math.min(h, y0 + ch); y++) {
                for (int x = x0; x < Math.min(w, x0 + cw); x++) {
                    if (round) {
                        double u = (x - x0 - cw / 2.0) / (cw / 2.0);
                        double v = (y - y0 - ch / 2.0) / (ch / 2.0);
                        if (u * u + v * v > 1) {
                            continue;
                        }
                    }
                    int p = 3 * (y * w + x);
                    int n = random.nextInt(9) - 4;
                    rgb[p] = (byte) clamp(c[0] + n);
                    rgb[p + 1] = (byte) clamp(c[1] + n);
                    rgb[p + 2] = (byte) clamp(c[2] + n);
                }
            }
        }
        return rgb;
    }

    private static List<int[]> flickerPatches(int w, int h, SplittableRandom random) {
        List<int[]> patches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int[] c = dullColour(random);
            int x0 = random.nextInt(w - 20);
            int y0 = random.nextInt(h - 20);
            patches.add(new int[] {x0, y0, Math.min(w, x0 + 10 + random.nextInt(30)),
                    Math.min(h, y0 + 10 + random.nextInt(30)), c[0], c[1], c[2]});
        }
        return patches;
    }

    /** A random colour with HSV saturation ≤ 0.35 and value in [0.2, 0.5]. */
    private static int[] dullColour(SplittableRandom random) {
        double hue = random.nextDouble() * 6;
        double sat = random.nextDouble() * 0.35;
        double val = 0.2 + random.nextDouble() * 0.3;
        int sector = (int) hue;
        double f = hue - sector;
        double p = val * (1 - sat);
        double q = val * (1 - sat * f);
        double s = val * (1 - sat * (1 - f));
        double[] c = switch (sector) {
            case 0 -> new double[] {val, s, p};
            case 1 -> new double[] {q, val, p};
            case 2 -> new double[] {p, val, s};
            case 3 -> new double[] {p, q, val};
            case 4 -> new double[] {s, p, val};
            default -> new double[] {val, p, q};
        };
        return new int[] {(int) (c[0] * 255), (int) (c[1] * 255), (int) (c[2] * 255)};
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** A well-mixed 64-bit hash of four values (SplitMix64 finaliser); seeded noise without state. */
    static long hash(long a, long b, long c, long d) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + d;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash mapped to [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
