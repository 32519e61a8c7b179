package io.maskstream.operators.labelling;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;

/** The prompts SeSAM tries for one object on one labelled frame, and the masks the segmenter gives for them. */
public final class Candidates {
    private Candidates() {}

    /** What the segmenter of a frame offers: the tracker role's prompt decoder and the detector. */
    public interface Segmenter {
        Mask fromBox(Box box);

        Mask fromPoints(List<PromptPoint> points);

        /** The detections of {@code className} on the frame; empty when the detector does not know it. */
        List<Detection> detections(String className);
    }

    /** A prompt the stream session can replay: a box, or points (positive and negative). */
    public record Prompt(Box box, List<PromptPoint> points, String origin) {
        public static Prompt box(Box b, String origin) {
            return new Prompt(b, List.of(), origin);
        }

        public static Prompt points(List<PromptPoint> p, String origin) {
            return new Prompt(null, List.copyOf(p), origin);
        }
    }

    /** A prompt and the mask it gives. */
    public record Candidate(Prompt prompt, Mask mask) {}

    /** How many points the prompts use. */
    public record Sampling(int maxPositive, int negativesPerLabel) {
        public static Sampling defaults() {
            return new Sampling(5, 2);
        }
    }

    /**
     * The prompts for one label (its marked pixels {@code marked}) with the negative points from other
     * classes' labels:
     * <ul>
     *   <li>box: the box; the deepest point of the box's skeleton (its centre);
     *   <li>points: all the label's clicks; each positive click alone (with every negative);
     *   <li>scribble, coarse mask: 1, 3 and {@code maxPositive} points along the skeleton of the marked
     *       pixels; for a coarse mask also its bounding box;
     *   <li>every kind: the box of each detection of the class that overlaps the marked pixels (the
     *       detector's masks, as the tracker re-cuts them from the box; for a kit without a prompt
     *       decoder these are its masks).
     * </ul>
     * In this order; a prompt repeated is tried once.
     */
    public static List<Prompt> prompts(WeakLabel label, Mask marked, List<PromptPoint> negatives, Sampling s,
                                       List<Detection> detections) {
        List<Prompt> out = new ArrayList<>();
        switch (label.kind()) {
            case BOX -> {
                out.add(Prompt.box(label.box(), "box"));
                out.add(Prompt.points(with(PointSampling.alongSkeleton(marked, 1), negatives), "box-centre"));
            }
            case POINTS -> {
                List<PromptPoint> all = with(label.points(), negatives);
                out.add(Prompt.points(all, "points"));
                List<PromptPoint> neg = all.stream().filter(p -> !p.positive()).toList();
                List<PromptPoint> pos = all.stream().filter(PromptPoint::positive).toList();
                if (pos.size() > 1) {
                    for (PromptPoint p : pos) {
                        out.add(Prompt.points(with(List.of(p), neg), "point"));
                    }
                }
            }
            case SCRIBBLE, MASK -> {
                for (int n : new int[] {1, 3, s.maxPositive()}) {
                    out.add(Prompt.points(with(PointSampling.alongSkeleton(marked, n), negatives), "skeleton-" + n));
                }
                if (label.kind() == WeakLabel.Kind.MASK) {
                    out.add(Prompt.box(marked.boundingBox(), "mask-box"));
                }
            }
        }
        for (Detection d : detections) {
            Mask dm = d.mask();
            boolean overlaps = dm != null ? dm.intersectionArea(marked) > 0
                    : LabelRegions.boxMask(d.box(), marked.height(), marked.width()).intersectionArea(marked) > 0;
            if (overlaps) {
                out.add(Prompt.box(d.box(), "detection"));
            }
        }
        List<Prompt> unique = new ArrayList<>();
        for (Prompt p : out) {
            if ((p.box() != null || p.points().stream().anyMatch(PromptPoint::positive))
                    && unique.stream().noneMatch(u -> java.util.Objects.equals(u.box(), p.box())
                            && java.util.Objects.equals(u.points(), p.points()))) {
                unique.add(p);
            }
        }
        return unique;
    }

    /** Each prompt with the mask the segmenter gives for it. */
    public static List<Candidate> segment(List<Prompt> prompts, Segmenter segmenter) {
        List<Candidate> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            out.add(new Candidate(p, p.box() != null ? segmenter.fromBox(p.box()) : segmenter.fromPoints(p.points())));
        }
        return out;
    }

    private static List<PromptPoint> with(List<PromptPoint> a, List<PromptPoint> b) {
        List<PromptPoint> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
