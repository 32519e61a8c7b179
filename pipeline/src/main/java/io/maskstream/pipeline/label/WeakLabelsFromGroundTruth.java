package io.maskstream.pipeline.label;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.labelling.LabelRegions;
import io.maskstream.operators.labelling.MaskMorphology;
import io.maskstream.operators.labelling.PointSampling;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weak labels made from a synthetic scene's exact ground truth, as a person would draw them, and the
 * naive masks they stand for (the baselines of the labelling measurements).
 */
public final class WeakLabelsFromGroundTruth {
    /** Fewest visible pixels for an object to be labelled on a frame. */
    static final int MIN_AREA = 16;
    /** Radius of the disc the point baseline paints. */
    static final int DISC_RADIUS = 8;
    /** Half-width of the stroke the scribble baseline paints. */
    static final int STROKE_RADIUS = 3;
    /** Coarse masks: grown (even object ids) or shrunk (odd ids) by this much, then drawn on a grid of this cell size. */
    static final int COARSE_GROW = 3;
    static final int COARSE_SHRINK = 2;
    static final int COARSE_CELL = 6;
    /** Vertices of a scribble. */
    static final int SCRIBBLE_VERTICES = 5;

    private WeakLabelsFromGroundTruth() {}

    /** What kind of label is drawn. */
    public enum Type {
        BOXES("boxes"), POINTS("centre points"), SCRIBBLES("skeleton scribbles"), COARSE_MASKS("coarse masks");

        final String title;

        Type(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Which frames get labels. */
    public enum Frames {
        EVERY_FRAME("every frame"), EVERY_10TH("every 10th"), FIRST_APPEARANCE("first appearance");

        final String title;

        Frames(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Labels of every object with at least {@value #MIN_AREA} visible pixels on the chosen frames, object id = ground-truth id. */
    public static List<WeakLabel> derive(SyntheticScene scene, Type type, Frames frames) {
        List<WeakLabel> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < scene.frameCount(); t++) {
            for (GroundTruthObject o : scene.groundTruth(t)) {
                if (o.mask().area() < MIN_AREA) {
                    continue;
                }
                boolean first = seen.add(o.id());
                boolean chosen = switch (frames) {
                    case EVERY_FRAME -> true;
                    case EVERY_10TH -> first || t % 10 == 0;
                    case FIRST_APPEARANCE -> first;
                };
                if (chosen) {
                    out.add(label(t, o, type));
                }
            }
        }
        return out;
    }

    /** One object's label on frame {@code t}. */
    static WeakLabel label(long t, GroundTruthObject o, Type type) {
        Mask m = o.mask();
        return switch (type) {
            case BOXES -> WeakLabel.box(t, o.concept(), o.id(), m.boundingBox());
            case POINTS -> WeakLabel.points(t, o.concept(), o.id(), PointSampling.alongSkeleton(m, 1));
            case SCRIBBLES -> WeakLabel.scribble(t, o.concept(), o.id(), scribble(m));
            case COARSE_MASKS -> WeakLabel.mask(t, o.concept(), o.id(), coarse(m, o.id()));
        };
    }

    /**
     * A scribble along the mask's middle: {@value #SCRIBBLE_VERTICES} points spread along its skeleton,
     * joined in the order of their projection on the mask's long axis.
     */
    static List<PromptPoint> scribble(Mask m) {
        List<PromptPoint> pts = new ArrayList<>(PointSampling.alongSkeleton(m, SCRIBBLE_VERTICES));
        io.maskstream.state.geometry.Box b = m.boundingBox();
        boolean wide = b.width() >= b.height();
        pts.sort(java.util.Comparator.comparingDouble((PromptPoint p) -> wide ? p.x() : p.y())
                .thenComparingDouble(p -> wide ? p.y() : p.x()));
        if (pts.size() == 1) {
            pts.add(pts.get(0));
        }
        return pts;
    }

    /**
     * A coarse mask: grown or shrunk (a mask that shrinking empties is kept), then simplified to a grid of
     * {@value #COARSE_CELL}-pixel cells (unless that empties it).
     */
    static Mask coarse(Mask m, int id) {
        Mask moved = id % 2 == 0 ? MaskMorphology.dilate(m, COARSE_GROW) : MaskMorphology.erode(m, COARSE_SHRINK);
        if (moved.isEmpty()) {
            moved = m;
        }
        int h = m.height(), w = m.width();
        Mask blocky = moved.resize(Math.max(1, h / COARSE_CELL), Math.max(1, w / COARSE_CELL)).resize(h, w);
        // nobody draws an empty mask: a sliver the grid erases is drawn as it is
        return blocky.isEmpty() ? moved : blocky;
    }

    /** The naive mask a label stands for: the filled box, a disc around each positive point, the scribble stroked, the coarse mask. */
    public static Mask baseline(WeakLabel l, int height, int width) {
        return switch (l.kind()) {
            case BOX, MASK -> LabelRegions.marked(l, height, width);
            case POINTS -> MaskMorphology.dilateRound(LabelRegions.marked(l, height, width), DISC_RADIUS);
            case SCRIBBLE -> MaskMorphology.dilate(LabelRegions.marked(l, height, width), STROKE_RADIUS);
        };
    }
}
