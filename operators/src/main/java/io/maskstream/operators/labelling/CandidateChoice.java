package io.maskstream.operators.labelling;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.List;

/**
 * SeSAM's selection among the segmenter's candidate masks for one weak label: by how well a candidate
 * covers the label and how much of it spills outside.
 *
 * <ul>
 *   <li><b>coverage</b>: for a box, the IoU of the candidate's bounding box with the box (a mask for a
 *       box should touch all four sides); for clicks, a scribble or a coarse mask, the share of the
 *       marked pixels the candidate covers.
 *   <li><b>spill</b>: the share of the candidate outside the label's extent (the box; the coarse mask
 *       grown by a few pixels), plus the share on pixels other classes' labels mark, plus 1 when it
 *       covers one of the label's negative clicks.
 * </ul>
 *
 * score = coverage − spill; the best score wins, ties go to the smaller candidate, then the earlier one.
 * Clicks and scribbles do not bound the object, so nothing stops a candidate that takes the background
 * with it from covering them fully: for them the smallest candidate within {@value #UNBOUNDED_TOLERANCE}
 * of the best score wins. An empty candidate scores −∞.
 */
public final class CandidateChoice {
    /** Score margin within which the smallest candidate for clicks or a scribble wins. */
    public static final double UNBOUNDED_TOLERANCE = 0.05;

    private CandidateChoice() {}

    /** What one candidate is scored against. */
    public record Target(WeakLabel.Kind kind, Box box, Mask marked, Mask extent, Mask negative, Mask otherClasses) {}

    public static double coverage(Mask candidate, Target t) {
        if (t.kind() == WeakLabel.Kind.BOX) {
            Box b = candidate.boundingBox();
            return b == null ? 0 : b.iou(t.box());
        }
        int marked = t.marked().area();
        return marked == 0 ? 0 : (double) candidate.intersectionArea(t.marked()) / marked;
    }

    public static double spill(Mask candidate, Target t) {
        int area = candidate.area();
        if (area == 0) {
            return 0;
        }
        double s = 0;
        if (t.extent() != null) {
            s += (double) candidate.andNot(t.extent()).area() / area;
        }
        if (t.otherClasses() != null) {
            s += (double) candidate.intersectionArea(t.otherClasses()) / area;
        }
        if (t.negative() != null && candidate.intersectionArea(t.negative()) > 0) {
            s += 1;
        }
        return s;
    }

    public static double score(Mask candidate, Target t) {
        return candidate.isEmpty() ? Double.NEGATIVE_INFINITY : coverage(candidate, t) - spill(candidate, t);
    }

    /** The index of the best of {@code candidates} for {@code t}, or -1 when all are empty. */
    public static int best(List<Mask> candidates, Target t) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            Mask c = candidates.get(i);
            double s = score(c, t);
            if (s == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (best < 0 || s > bestScore || (s == bestScore && c.area() < candidates.get(best).area())) {
                best = i;
                bestScore = s;
            }
        }
        if (best >= 0 && t.extent() == null) {
            for (int i = 0; i < candidates.size(); i++) {
                Mask c = candidates.get(i);
                if (score(c, t) >= bestScore - UNBOUNDED_TOLERANCE && c.area() < candidates.get(best).area()) {
                    best = i;
                }
            }
        }
        return best;
    }
}
