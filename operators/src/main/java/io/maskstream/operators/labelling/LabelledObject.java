package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One object to label: its class and its weak labels by frame. {@code id} numbers the objects from 1
 * in the order they first appear (frame, then line of the labels file, then component), and is the
 * masklet id of the output.
 *
 * @param marked per frame, the pixels its label marks (for a coarse mask without object id: one
 *     connected component of it)
 */
public record LabelledObject(int id, String className, NavigableMap<Long, WeakLabel> labels, NavigableMap<Long, Mask> marked) {

    /** The first frame it is labelled on. */
    public long firstSeq() {
        return labels.firstKey();
    }

    /**
     * The objects of a set of weak labels on frames of {@code height} × {@code width}: labels with one
     * object id are one object; a label without is its own object, except a coarse mask without id,
     * which is one object per connected component (SeSAM's decomposition of a class mask into
     * instances).
     *
     * @throws IllegalArgumentException naming the line when one object id has two classes or two labels on one frame
     */
    public static List<LabelledObject> group(List<WeakLabel> labels, int height, int width) {
        List<WeakLabel> ordered = new ArrayList<>(labels);
        ordered.sort(java.util.Comparator.comparingLong(WeakLabel::seq).thenComparingInt(WeakLabel::line));
        List<Builder> builders = new ArrayList<>();
        Map<Integer, Builder> byUserId = new HashMap<>();
        for (WeakLabel l : ordered) {
            Mask marked = LabelRegions.marked(l, height, width);
            if (l.objectId() != null) {
                Builder b = byUserId.get(l.objectId());
                if (b == null) {
                    b = new Builder(l.className());
                    byUserId.put(l.objectId(), b);
                    builders.add(b);
                } else if (!b.className.equals(l.className())) {
                    throw new IllegalArgumentException(l.where() + ": field 'class': object " + l.objectId() + " is '"
                            + b.className + "' on " + b.labels.firstEntry().getValue().where() + ", not '" + l.className() + "'");
                }
                WeakLabel before = b.labels.get(l.seq());
                if (before != null) {
                    throw new IllegalArgumentException(l.where() + ": field 'objectId': object " + l.objectId()
                            + " already has a label on frame " + l.seq() + " (" + before.where() + ")");
                }
                b.labels.put(l.seq(), l);
                b.marked.put(l.seq(), marked);
            } else if (l.kind() == WeakLabel.Kind.MASK) {
                for (Mask component : ConnectedComponents.split(marked)) {
                    Builder b = new Builder(l.className());
                    b.labels.put(l.seq(), l);
                    b.marked.put(l.seq(), component);
                    builders.add(b);
                }
            } else {
                Builder b = new Builder(l.className());
                b.labels.put(l.seq(), l);
                b.marked.put(l.seq(), marked);
                builders.add(b);
            }
        }
        List<LabelledObject> out = new ArrayList<>(builders.size());
        for (Builder b : builders) {
            out.add(new LabelledObject(out.size() + 1, b.className, b.labels, b.marked));
        }
        return out;
    }

    private static final class Builder {
        final String className;
        final TreeMap<Long, WeakLabel> labels = new TreeMap<>();
        final TreeMap<Long, Mask> marked = new TreeMap<>();

        Builder(String className) {
            this.className = className;
        }
    }
}
