package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;

/** SeSAM's first step: a class mask split into its connected components. */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    /**
     * The 8-connected components of {@code m}, in the order of their first pixel in row-major order
     * (top row first, then left), so the split is deterministic.
     */
    public static List<Mask> split(Mask m) {
        int w = m.width(), h = m.height();
        byte[] px = m.toRowMajor();
        int[] label = new int[w * h];
        int[] queue = new int[w * h];
        List<Mask> out = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < px.length; start++) {
            if (px[start] == 0 || label[start] != 0) {
                continue;
            }
            next++;
            Mask.Builder b = Mask.builder(h, w);
            int head = 0, tail = 0;
            queue[tail++] = start;
            label[start] = next;
            while (head < tail) {
                int p = queue[head++], x = p % w, y = p / w;
                b.set(y, x);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (px[q] != 0 && label[q] == 0) {
                            label[q] = next;
                            queue[tail++] = q;
                        }
                    }
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
