package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.List;
import java.util.Random;

/**
 * Test frames: a darker, cluttered background (fixed per scene seed) with per-frame noise, and solid
 * coloured shapes with a noise texture, drawn in order (later shapes occlude earlier ones).
 */
final class SyntheticScene {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    /** A disc (size = radius) or an axis-aligned square-ish rectangle (size = half width, half height). */
    record Shape(String colour, boolean disc, float cx, float cy, float halfWidth, float halfHeight) {
        static Shape disc(String colour, float cx, float cy, float radius) {
            return new Shape(colour, true, cx, cy, radius, radius);
        }

        static Shape rect(String colour, float cx, float cy, float halfWidth, float halfHeight) {
            return new Shape(colour, false, cx, cy, halfWidth, halfHeight);
        }

        Shape movedTo(float x, float y) {
            return new Shape(colour, disc, x, y, halfWidth, halfHeight);
        }

        boolean covers(int x, int y) {
            float px = x + 0.5f, py = y + 0.5f;
            if (disc) {
                float dx = px - cx, dy = py - cy;
                return dx * dx + dy * dy <= halfWidth * halfWidth;
            }
            return Math.abs(px - cx) <= halfWidth && Math.abs(py - cy) <= halfHeight;
        }

        Mask mask() {
            Mask.Builder b = Mask.builder(HEIGHT, WIDTH);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    if (covers(x, y)) {
                        b.set(y, x);
                    }
                }
            }
            return b.build();
        }
    }

    private final int[] background = new int[WIDTH * HEIGHT * 3];

    SyntheticScene(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < WIDTH * HEIGHT; i++) {
            int v = 30 + r.nextInt(20);
            background[3 * i] = v;
            background[3 * i + 1] = v;
            background[3 * i + 2] = v;
        }
        // clutter: dark, desaturated blobs and bars
        for (int k = 0; k < 25; k++) {
            int x0 = r.nextInt(WIDTH), y0 = r.nextInt(HEIGHT);
            int w = 8 + r.nextInt(50), h = 8 + r.nextInt(40);
            int[] c = {20 + r.nextInt(90), 20 + r.nextInt(90), 20 + r.nextInt(90)};
            for (int y = y0; y < Math.min(HEIGHT, y0 + h); y++) {
                for (int x = x0; x < Math.min(WIDTH, x0 + w); x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        background[3 * (y * WIDTH + x) + ch] = c[ch];
                    }
                }
            }
        }
    }

    RgbImage render(List<Shape> shapes, long frameSeed) {
        Random r = new Random(frameSeed);
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int i = 0; i < WIDTH * HEIGHT; i++) {
            for (int ch = 0; ch < 3; ch++) {
                rgb[3 * i + ch] = (byte) clamp(background[3 * i + ch] + r.nextInt(11) - 5);
            }
        }
        for (Shape s : shapes) {
            int[] c = ReferenceModels.CONCEPT_COLOURS.get(s.colour());
            int x0 = Math.max(0, (int) (s.cx() - s.halfWidth()) - 1), x1 = Math.min(WIDTH, (int) (s.cx() + s.halfWidth()) + 2);
            int y0 = Math.max(0, (int) (s.cy() - s.halfHeight()) - 1), y1 = Math.min(HEIGHT, (int) (s.cy() + s.halfHeight()) + 2);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (s.covers(x, y)) {
                        int i = 3 * (y * WIDTH + x);
                        int n = r.nextInt(25) - 12; // texture
                        for (int ch = 0; ch < 3; ch++) {
                            rgb[i + ch] = (byte) clamp(c[ch] + n + r.nextInt(9) - 4);
                        }
                    }
                }
            }
        }
        return new RgbImage(WIDTH, HEIGHT, rgb);
    }

    /** As the pipeline sees a frame: JPEG-encoded at quality 0.9 and decoded. */
    RgbImage renderJpeg(List<Shape> shapes, long frameSeed) {
        try {
            return MemoryRecomputeTest.decode(MemoryRecomputeTest.jpeg(render(shapes, frameSeed), 0.9f));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The visible part of shape {@code index} (later shapes occlude it). */
    static Mask visible(List<Shape> shapes, int index) {
        Mask m = shapes.get(index).mask();
        for (int j = index + 1; j < shapes.size(); j++) {
            m = m.andNot(shapes.get(j).mask());
        }
        return m;
    }

    static Box box(Mask m) {
        return m.boundingBox();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
