package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Mask;

/**
 * The skeleton of a mask by Zhang–Suen thinning (T. Y. Zhang and C. Y. Suen, "A fast parallel
 * algorithm for thinning digital patterns", CACM 27(3), 1984): two alternating sub-iterations
 * delete boundary pixels that have 2–6 set 8-neighbours, exactly one 0→1 transition around them, and
 * (first sub-iteration) P2·P4·P6 = 0 and P4·P6·P8 = 0, (second) P2·P4·P8 = 0 and P2·P6·P8 = 0,
 * until nothing changes. The result is one pixel wide, keeps the mask's connectivity and runs along its
 * middle; a one-pixel line is its own skeleton. Pixels outside the frame count as unset.
 */
public final class Skeleton {
    private Skeleton() {}

    public static Mask of(Mask m) {
        int w = m.width(), h = m.height();
        byte[] px = m.toRowMajor();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int step = 0; step < 2; step++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (px[y * w + x] == 0) {
                            continue;
                        }
                        // P2..P9 clockwise from north
                        int p2 = at(px, w, h, x, y - 1), p3 = at(px, w, h, x + 1, y - 1), p4 = at(px, w, h, x + 1, y);
                        int p5 = at(px, w, h, x + 1, y + 1), p6 = at(px, w, h, x, y + 1), p7 = at(px, w, h, x - 1, y + 1);
                        int p8 = at(px, w, h, x - 1, y), p9 = at(px, w, h, x - 1, y - 1);
                        int b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
                        if (b < 2 || b > 6) {
                            continue;
                        }
                        int[] ring = {p2, p3, p4, p5, p6, p7, p8, p9, p2};
                        int a = 0;
                        for (int i = 0; i < 8; i++) {
                            if (ring[i] == 0 && ring[i + 1] == 1) {
                                a++;
                            }
                        }
                        if (a != 1) {
                            continue;
                        }
                        boolean cond = step == 0
                                ? p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0
                                : p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0;
                        if (cond) {
                            px[y * w + x] = 2; // marked: deleted after the sub-iteration
                        }
                    }
                }
                for (int i = 0; i < px.length; i++) {
                    if (px[i] == 2) {
                        px[i] = 0;
                        changed = true;
                    }
                }
            }
        }
        return Mask.fromRowMajor(h, w, px);
    }

    private static int at(byte[] px, int w, int h, int x, int y) {
        // a pixel marked for deletion in this sub-iteration still counts as set (parallel update)
        return x < 0 || y < 0 || x >= w || y >= h || px[y * w + x] == 0 ? 0 : 1;
    }
}
