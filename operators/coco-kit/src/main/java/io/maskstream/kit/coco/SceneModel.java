package io.maskstream.kit.coco;

import io.maskstream.operators.inference.FloatTensor;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.List;
import java.util.Map;

/**
 * The classical tracker's view of a frame: a grey image downscaled to about {@value #TARGET_WIDTH}
 * pixels wide, and, once a background is known, the foreground — pixels that differ from the per-pixel
 * median of a few earlier frames. Pure functions of the pixels, so a restore that rebuilds them from
 * the stored frames gets the same bits.
 */
final class SceneModel {
    static final String GREY = "grey";
    static final String FOREGROUND = "foreground";
    /** Width the grey image is downscaled towards: enough for people, cheap to match. */
    static final int TARGET_WIDTH = 384;
    /** Grey difference (0–255) from the background above which a pixel is foreground. */
    static final float FOREGROUND_DIFFERENCE = 24f;

    private SceneModel() {}

    /** Frame pixels per grey pixel along each axis. */
    static int factor(int frameWidth) {
        return Math.max(1, Math.round(frameWidth / (float) TARGET_WIDTH));
    }

    /** The grey image of {@code frame}, each pixel the mean luma of a factor × factor block. */
    static FrameFeatures encode(RgbImage frame) {
        int f = factor(frame.width());
        int gw = frame.width() / f, gh = frame.height() / f;
        float[] grey = new float[gw * gh];
        byte[] rgb = frame.rgb();
        float norm = 1f / (f * f);
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                int sum = 0;
                for (int y = gy * f; y < gy * f + f; y++) {
                    int i = (y * frame.width() + gx * f) * 3;
                    for (int x = 0; x < f; x++, i += 3) {
                        // integer BT.601 luma ×1000, exact and order-free
                        sum += 299 * (rgb[i] & 0xff) + 587 * (rgb[i + 1] & 0xff) + 114 * (rgb[i + 2] & 0xff);
                    }
                }
                grey[gy * gw + gx] = sum * norm / 1000f;
            }
        }
        return new FrameFeatures(frame.width(), frame.height(), Map.of(GREY, new FloatTensor(grey, new long[] {gh, gw})));
    }

    /** {@code current} with its foreground against the median of {@code scene}; unchanged when the scene is empty. */
    static FrameFeatures withForeground(FrameFeatures current, List<FrameFeatures> scene) {
        if (scene.isEmpty()) {
            return current;
        }
        FloatTensor grey = current.get(GREY);
        int gh = grey.dim(0), gw = grey.dim(1), n = gw * gh, k = scene.size();
        float[][] layers = new float[k][];
        for (int i = 0; i < k; i++) {
            layers[i] = scene.get(i).get(GREY).data();
        }
        float[] values = new float[k];
        byte[] fg = new byte[n];
        float[] cur = grey.data();
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < k; i++) {
                float v = layers[i][p];
                int j = i - 1;
                while (j >= 0 && values[j] > v) {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = v;
            }
            float median = (k & 1) == 1 ? values[k / 2] : 0.5f * (values[k / 2 - 1] + values[k / 2]);
            fg[p] = Math.abs(cur[p] - median) > FOREGROUND_DIFFERENCE ? (byte) 1 : 0;
        }
        // opening drops speckle, closing fills the holes of a body whose colour matches the background
        fg = dilate(erode(fg, gw, gh), gw, gh);
        fg = erode(dilate(dilate(fg, gw, gh), gw, gh), gw, gh);
        fg = erode(fg, gw, gh);
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = fg[p];
        }
        Map<String, FloatTensor> tensors = new java.util.TreeMap<>(current.tensors());
        tensors.put(FOREGROUND, new FloatTensor(out, new long[] {gh, gw}));
        return new FrameFeatures(current.frameWidth(), current.frameHeight(), tensors);
    }

    static byte[] erode(byte[] m, int w, int h) {
        return morph(m, w, h, true);
    }

    static byte[] dilate(byte[] m, int w, int h) {
        return morph(m, w, h, false);
    }

    /** 3×3 erosion or dilation, separable; outside the image counts as background for dilation, foreground for erosion. */
    private static byte[] morph(byte[] m, int w, int h, boolean erode) {
        byte[] tmp = new byte[m.length];
        byte[] out = new byte[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int a = x > 0 ? m[i - 1] : (erode ? 1 : 0), b = m[i], c = x < w - 1 ? m[i + 1] : (erode ? 1 : 0);
                tmp[i] = (byte) (erode ? a & b & c : a | b | c);
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int a = y > 0 ? tmp[i - w] : (erode ? 1 : 0), b = tmp[i], c = y < h - 1 ? tmp[i + w] : (erode ? 1 : 0);
                out[i] = (byte) (erode ? a & b & c : a | b | c);
            }
        }
        return out;
    }

    /** The foreground of the frame, or null while no background is known. */
    static float[] foreground(FrameFeatures features) {
        FloatTensor t = features.tensors().get(FOREGROUND);
        return t == null ? null : t.data();
    }

    /** {@code mask} (frame resolution) sampled at the grey pixels' centres, row-major, 1 where set. */
    static byte[] toGrey(Mask mask, int gw, int gh, int f) {
        byte[] out = new byte[gw * gh];
        io.maskstream.state.geometry.Box b = mask.boundingBox();
        if (b == null) {
            return out;
        }
        int gx0 = Math.max(0, (int) b.x1() / f), gx1 = Math.min(gw, ((int) b.x2() + f - 1) / f);
        int gy0 = Math.max(0, (int) b.y1() / f), gy1 = Math.min(gh, ((int) b.y2() + f - 1) / f);
        for (int gy = gy0; gy < gy1; gy++) {
            int y = Math.min(mask.height() - 1, gy * f + f / 2);
            for (int gx = gx0; gx < gx1; gx++) {
                int x = Math.min(mask.width() - 1, gx * f + f / 2);
                if (mask.get(y, x)) {
                    out[gy * gw + gx] = 1;
                }
            }
        }
        return out;
    }

    /** A grey-resolution mask (row-major, non-zero set) as a frame-resolution mask, each pixel a factor × factor block. */
    static Mask toFrame(byte[] grey, int gw, int gh, int f, int width, int height) {
        return toFrame(grey, gw, gh, f, width, height, 0, 0, gw, gh);
    }

    /** {@link #toFrame(byte[], int, int, int, int, int)} of the set pixels inside grey columns [gx0, gx1) and rows [gy0, gy1). */
    static Mask toFrame(byte[] grey, int gw, int gh, int f, int width, int height, int gx0, int gy0, int gx1, int gy1) {
        Mask.Builder b = Mask.builder(height, width);
        for (int gx = Math.max(0, gx0); gx < Math.min(gw, gx1); gx++) {
            for (int gy = Math.max(0, gy0); gy < Math.min(gh, gy1); gy++) {
                if (grey[gy * gw + gx] == 0) {
                    continue;
                }
                int run = gy;
                while (run + 1 < Math.min(gh, gy1) && grey[(run + 1) * gw + gx] != 0) {
                    run++;
                }
                int y0 = gy * f, y1 = run == gh - 1 ? height : Math.min(height, (run + 1) * f);
                int x1 = gx == gw - 1 ? width : Math.min(width, gx * f + f);
                for (int x = gx * f; x < x1; x++) {
                    b.setColumnRun(x, y0, y1);
                }
                gy = run;
            }
        }
        return b.build();
    }
}
