package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Non-maximum suppression of a frame's detections by IoM (intersection over the smaller mask), as
 * SAM 3 de-duplicates detections before association. Greedy: in order of descending score (ties:
 * lower index first) a detection is kept unless its IoM with an already kept detection of the same
 * concept is at least the threshold. Detections of different concepts never suppress each other
 * (each concept is its own prompt). The caller applies it before {@link StreamTracker}.
 */
public final class DetectionNms {
    /** The paper's IoM threshold. */
    public static final double DEFAULT_IOM_THRESHOLD = 0.5;

    private DetectionNms() {}

    /** The kept detections, in their original order. */
    public static List<Detection> apply(List<Detection> detections, double iomThreshold) {
        int[] kept = keptIndices(detections, iomThreshold);
        List<Detection> out = new ArrayList<>(kept.length);
        for (int i : kept) {
            out.add(detections.get(i));
        }
        return out;
    }

    public static List<Detection> apply(List<Detection> detections) {
        return apply(detections, DEFAULT_IOM_THRESHOLD);
    }

    /** Indices of the kept detections, ascending. */
    public static int[] keptIndices(List<Detection> detections, double iomThreshold) {
        if (!(iomThreshold >= 0 && iomThreshold <= 1)) {
            throw new IllegalArgumentException("IoM threshold must lie in [0, 1], got " + iomThreshold);
        }
        int n = detections.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -detections.get(i).score())
                .thenComparingInt(i -> i));
        MaskGeometry[] geo = new MaskGeometry[n];
        boolean[] keep = new boolean[n];
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            Detection d = detections.get(i);
            geo[i] = MaskGeometry.of(d.mask());
            boolean suppressed = false;
            for (int k : kept) {
                if (detections.get(k).concept().equals(d.concept()) && geo[k].iom(geo[i]) >= iomThreshold
                        && geo[k].intersection(geo[i]) > 0) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                keep[i] = true;
                kept.add(i);
            }
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> keep[i]).toArray();
    }
}
