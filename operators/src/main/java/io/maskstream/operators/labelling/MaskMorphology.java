package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Mask;

/** Dilation and erosion by a square of radius r (Chebyshev distance), separable and exact. */
public final class MaskMorphology {
    private MaskMorphology() {}

    /** Every pixel within {@code r} (Chebyshev) of a set pixel. */
    public static Mask dilate(Mask m, int r) {
        if (r <= 0) {
            return m;
        }
        return Mask.fromRowMajor(m.height(), m.width(), pass(pass(m.toRowMajor(), m.width(), m.height(), r, true, true),
                m.width(), m.height(), r, false, true));
    }

    /** The pixels whose whole square of radius {@code r} is set (outside the frame counts as unset). */
    public static Mask erode(Mask m, int r) {
        if (r <= 0) {
            return m;
        }
        return Mask.fromRowMajor(m.height(), m.width(), pass(pass(m.toRowMajor(), m.width(), m.height(), r, true, false),
                m.width(), m.height(), r, false, false));
    }

    /** One 1-D max (dilate) or min (erode) filter along rows or columns. */
    private static byte[] pass(byte[] in, int w, int h, int r, boolean alongRows, boolean max) {
        byte[] out = new byte[in.length];
        int lines = alongRows ? h : w, len = alongRows ? w : h;
        for (int l = 0; l < lines; l++) {
            // prefix sums of set pixels along the line
            int[] sum = new int[len + 1];
            for (int i = 0; i < len; i++) {
                int idx = alongRows ? l * w + i : i * w + l;
                sum[i + 1] = sum[i] + (in[idx] != 0 ? 1 : 0);
            }
            for (int i = 0; i < len; i++) {
                int a = Math.max(0, i - r), b = Math.min(len, i + r + 1);
                int set = sum[b] - sum[a];
                boolean on = max ? set > 0 : set == 2 * r + 1;
                if (on) {
                    out[alongRows ? l * w + i : i * w + l] = 1;
                }
            }
        }
        return out;
    }

    /** Every pixel within Euclidean distance {@code r} of a set pixel (a disc per pixel; for sparse masks). */
    public static Mask dilateRound(Mask m, int r) {
        int w = m.width(), h = m.height();
        byte[] in = m.toRowMajor();
        Mask.Builder b = Mask.builder(h, w);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == 0) {
                continue;
            }
            int cx = i % w, cy = i / w;
            for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        b.set(y, x);
                    }
                }
            }
        }
        return b.build();
    }
}
