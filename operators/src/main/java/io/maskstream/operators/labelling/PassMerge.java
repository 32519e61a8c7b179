package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merging the forward and the backward pass of a labelled video, and the pseudo-labels of the next
 * round where the two disagree.
 */
public final class PassMerge {
    private PassMerge() {}

    /**
     * Each object's mask on every frame from the pass that came from the nearer labelled frame: the
     * forward pass carries the latest label at or before the frame, the backward pass the first label at
     * or after it; the shorter distance wins, a tie goes forward. Before an object's first label only the
     * backward pass has it, after its last only the forward pass. A frame where the chosen pass has no
     * mask has none for the object.
     */
    public static Map<Integer, TreeMap<Long, Mask>> merge(List<LabelledObject> objects, Map<Integer, TreeMap<Long, Mask>> forward,
                                                         Map<Integer, TreeMap<Long, Mask>> backward, int frameCount) {
        Map<Integer, TreeMap<Long, Mask>> out = new HashMap<>();
        for (LabelledObject o : objects) {
            TreeMap<Long, Mask> f = forward.getOrDefault(o.id(), new TreeMap<>());
            TreeMap<Long, Mask> b = backward.getOrDefault(o.id(), new TreeMap<>());
            TreeMap<Long, Mask> m = new TreeMap<>();
            for (long t = 0; t < frameCount; t++) {
                Mask mask = fromForward(o, t) ? f.get(t) : b.get(t);
                if (mask != null) {
                    m.put(t, mask);
                }
            }
            out.put(o.id(), m);
        }
        return out;
    }

    /** Whether frame {@code t} of {@code o} comes from the forward pass (see {@link #merge}). */
    public static boolean fromForward(LabelledObject o, long t) {
        Long before = o.labels().floorKey(t), after = o.labels().ceilingKey(t);
        long dForward = before == null ? Long.MAX_VALUE : t - before;
        long dBackward = after == null ? Long.MAX_VALUE : after - t;
        return dForward <= dBackward;
    }

    /**
     * The objects of the next round, or null when the passes agree: for every object and every gap
     * between two of its labelled frames, the frame of the gap where the forward and backward masks have
     * the lowest IoU, when that is below {@code disagreementIou}, gets a pseudo-label — a coarse mask of
     * the pixels both passes agree on (the merged mask when they share none), to be segmented afresh and
     * propagated from there.
     */
    public static List<LabelledObject> pseudoLabels(List<LabelledObject> objects, Map<Integer, TreeMap<Long, Mask>> forward,
                                                    Map<Integer, TreeMap<Long, Mask>> backward,
                                                    Map<Integer, TreeMap<Long, Mask>> merged, double disagreementIou) {
        boolean any = false;
        List<LabelledObject> out = new ArrayList<>(objects.size());
        for (LabelledObject o : objects) {
            TreeMap<Long, WeakLabel> labels = new TreeMap<>(o.labels());
            TreeMap<Long, Mask> marked = new TreeMap<>(o.marked());
            TreeMap<Long, Mask> f = forward.getOrDefault(o.id(), new TreeMap<>());
            TreeMap<Long, Mask> b = backward.getOrDefault(o.id(), new TreeMap<>());
            List<Long> seqs = new ArrayList<>(o.labels().keySet());
            for (int i = 0; i + 1 < seqs.size(); i++) {
                long worst = -1;
                double worstIou = disagreementIou;
                for (long t = seqs.get(i) + 1; t < seqs.get(i + 1); t++) {
                    double iou = iou(f.get(t), b.get(t));
                    if (iou < worstIou) {
                        worstIou = iou;
                        worst = t;
                    }
                }
                if (worst < 0) {
                    continue;
                }
                Mask agreed = f.get(worst) != null && b.get(worst) != null ? f.get(worst).and(b.get(worst)) : null;
                Mask pseudo = agreed != null && !agreed.isEmpty() ? agreed : merged.get(o.id()).get(worst);
                if (pseudo == null || pseudo.isEmpty()) {
                    continue;
                }
                labels.put(worst, WeakLabel.mask(worst, o.className(), o.id(), pseudo));
                marked.put(worst, pseudo);
                any = true;
            }
            out.add(new LabelledObject(o.id(), o.className(), labels, marked));
        }
        return any ? out : null;
    }

    private static double iou(Mask a, Mask b) {
        if (a == null && b == null) {
            return 1;
        }
        if (a == null || b == null) {
            return 0;
        }
        return a.iou(b);
    }
}
