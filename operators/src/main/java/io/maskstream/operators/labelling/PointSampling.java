package io.maskstream.operators.labelling;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;

/** SeSAM's point prompts: positive points along a component's skeleton, negative points from other labels. */
public final class PointSampling {
    private PointSampling() {}

    /**
     * Up to {@code max} positive points on the {@link Skeleton} of {@code component}, spread along it:
     * the first is the skeleton pixel deepest inside the component (largest chamfer distance to its
     * boundary), each next one the skeleton pixel farthest from those chosen (farthest-point sampling).
     * Ties go to the first pixel in row-major order. Empty for an empty component; a component whose
     * thinning leaves nothing (a 2×2 block) is sampled on its own pixels.
     */
    public static List<PromptPoint> alongSkeleton(Mask component, int max) {
        Mask skeleton = Skeleton.of(component);
        if (skeleton.isEmpty()) {
            skeleton = component; // thinning removes a 2x2 block entirely: its pixels are its middle
        }
        int w = component.width(), h = component.height();
        byte[] sk = skeleton.toRowMajor();
        int[] depth = chamferDepth(component);
        List<Integer> pixels = new ArrayList<>();
        for (int i = 0; i < sk.length; i++) {
            if (sk[i] != 0) {
                pixels.add(i);
            }
        }
        List<PromptPoint> out = new ArrayList<>();
        if (pixels.isEmpty() || max <= 0) {
            return out;
        }
        int first = pixels.get(0);
        for (int p : pixels) {
            if (depth[p] > depth[first]) {
                first = p;
            }
        }
        List<Integer> chosen = new ArrayList<>(List.of(first));
        long[] nearest = new long[pixels.size()];
        java.util.Arrays.fill(nearest, Long.MAX_VALUE);
        while (chosen.size() < Math.min(max, pixels.size())) {
            int last = chosen.get(chosen.size() - 1);
            int best = -1;
            long bestDistance = 0;
            for (int i = 0; i < pixels.size(); i++) {
                int p = pixels.get(i);
                long dx = p % w - last % w, dy = p / w - last / w;
                nearest[i] = Math.min(nearest[i], dx * dx + dy * dy);
                if (nearest[i] > bestDistance) {
                    bestDistance = nearest[i];
                    best = p;
                }
            }
            if (best < 0) {
                break;
            }
            chosen.add(best);
        }
        for (int p : chosen) {
            out.add(new PromptPoint(p % w + 0.5f, p / w + 0.5f, true));
        }
        return out;
    }

    /**
     * Negative points for an object: up to {@code perLabel} skeleton points of each of the marked
     * regions of other classes' labels on the same frame, leaving out those that fall on the object's
     * own marked pixels or extent (a box of another class may overlap it).
     */
    public static List<PromptPoint> negatives(List<Mask> otherClassRegions, Mask own, Mask ownExtent, int perLabel) {
        List<PromptPoint> out = new ArrayList<>();
        for (Mask region : otherClassRegions) {
            for (PromptPoint p : alongSkeleton(region, perLabel)) {
                int x = (int) p.x(), y = (int) p.y();
                if (own.get(y, x) || (ownExtent != null && ownExtent.get(y, x))) {
                    continue;
                }
                out.add(new PromptPoint(p.x(), p.y(), false));
            }
        }
        return out;
    }

    /** Chamfer (3-4) distance of each set pixel to the nearest unset pixel or the frame's edge. */
    static int[] chamferDepth(Mask m) {
        int w = m.width(), h = m.height();
        byte[] px = m.toRowMajor();
        int inf = Integer.MAX_VALUE / 4;
        int[] d = new int[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = px[i] != 0 ? inf : 0;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (d[i] == 0) {
                    continue;
                }
                int v = d[i];
                v = Math.min(v, x > 0 ? d[i - 1] + 3 : 3);
                v = Math.min(v, y > 0 ? d[i - w] + 3 : 3);
                v = Math.min(v, x > 0 && y > 0 ? d[i - w - 1] + 4 : 4);
                v = Math.min(v, x < w - 1 && y > 0 ? d[i - w + 1] + 4 : 4);
                d[i] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                if (d[i] == 0) {
                    continue;
                }
                int v = d[i];
                v = Math.min(v, x < w - 1 ? d[i + 1] + 3 : 3);
                v = Math.min(v, y < h - 1 ? d[i + w] + 3 : 3);
                v = Math.min(v, x < w - 1 && y < h - 1 ? d[i + w + 1] + 4 : 4);
                v = Math.min(v, x > 0 && y < h - 1 ? d[i + w - 1] + 4 : 4);
                d[i] = v;
            }
        }
        return d;
    }
}
