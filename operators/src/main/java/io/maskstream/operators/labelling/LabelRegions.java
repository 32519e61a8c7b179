package io.maskstream.operators.labelling;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;

/**
 * The pixels a weak label marks, and the pixels a good mask for it may cover. Both at frame size.
 */
public final class LabelRegions {
    private LabelRegions() {}

    /**
     * The pixels the label says belong to the object: a box filled, the positive clicks (one pixel
     * each), the scribble drawn one pixel wide, the coarse mask as it is.
     */
    public static Mask marked(WeakLabel label, int height, int width) {
        return switch (label.kind()) {
            case BOX -> boxMask(label.box(), height, width);
            case POINTS -> pointsMask(label.points(), true, height, width);
            case SCRIBBLE -> polyline(label.scribble(), height, width);
            case MASK -> label.mask();
        };
    }

    /** The negative clicks of a points label (one pixel each); empty for the other kinds. */
    public static Mask negative(WeakLabel label, int height, int width) {
        return label.kind() == WeakLabel.Kind.POINTS
                ? pointsMask(label.points(), false, height, width) : Mask.empty(height, width);
    }

    /**
     * Where a mask for the label may lie, or null when the label does not bound the object (clicks and
     * scribbles mark part of it): the box, or the coarse mask grown by {@code maskSlack} pixels.
     */
    public static Mask extent(WeakLabel label, int height, int width, int maskSlack) {
        return switch (label.kind()) {
            case BOX -> boxMask(label.box(), height, width);
            case MASK -> MaskMorphology.dilate(label.mask(), maskSlack);
            case POINTS, SCRIBBLE -> null;
        };
    }

    /** The pixels of a box (frame pixels, x2/y2 exclusive, rounded to the nearest pixel edge). */
    public static Mask boxMask(Box b, int height, int width) {
        return Mask.rectangle(height, width, Math.round(b.x1()), Math.round(b.y1()), Math.round(b.x2()), Math.round(b.y2()));
    }

    private static Mask pointsMask(List<PromptPoint> points, boolean positive, int height, int width) {
        Mask.Builder b = Mask.builder(height, width);
        for (PromptPoint p : points) {
            if (p.positive() == positive) {
                set(b, (int) p.x(), (int) p.y(), height, width);
            }
        }
        return b.build();
    }

    /** A polyline one pixel wide (8-connected, Bresenham), clipped to the frame. */
    public static Mask polyline(List<PromptPoint> vertices, int height, int width) {
        Mask.Builder b = Mask.builder(height, width);
        for (int i = 0; i + 1 < vertices.size(); i++) {
            for (int[] p : line((int) vertices.get(i).x(), (int) vertices.get(i).y(),
                    (int) vertices.get(i + 1).x(), (int) vertices.get(i + 1).y())) {
                set(b, p[0], p[1], height, width);
            }
        }
        if (vertices.size() == 1) {
            set(b, (int) vertices.get(0).x(), (int) vertices.get(0).y(), height, width);
        }
        return b.build();
    }

    private static List<int[]> line(int x0, int y0, int x1, int y1) {
        List<int[]> out = new ArrayList<>();
        int dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            out.add(new int[] {x0, y0});
            if (x0 == x1 && y0 == y1) {
                return out;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static void set(Mask.Builder b, int x, int y, int height, int width) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            b.set(y, x);
        }
    }
}
