package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;

/**
 * A mask's RLE, area and pixel bounds, computed once per frame so that the many pairwise overlaps
 * of a frame skip disjoint pairs by their bounds and intersect the rest on runs, not pixels.
 */
final class MaskGeometry {
    final Rle rle;
    final int area;
    /** Inclusive pixel bounds; x0 > x1 when empty. */
    final int x0, y0, x1, y1;

    private MaskGeometry(Rle rle) {
        this.rle = rle;
        this.area = rle.area();
        if (area == 0) {
            x0 = y0 = 0;
            x1 = y1 = -1;
        } else {
            int[] b = rle.toBbox();
            x0 = b[0];
            y0 = b[1];
            x1 = b[0] + b[2] - 1;
            y1 = b[1] + b[3] - 1;
        }
    }

    static MaskGeometry of(Mask mask) {
        return new MaskGeometry(mask.toRle());
    }

    static MaskGeometry of(Rle rle) {
        return new MaskGeometry(rle);
    }

    boolean isEmpty() {
        return area == 0;
    }

    int intersection(MaskGeometry o) {
        if (area == 0 || o.area == 0 || x0 > o.x1 || o.x0 > x1 || y0 > o.y1 || o.y0 > y1) {
            return 0;
        }
        return rle.intersectionArea(o.rle);
    }

    double iou(MaskGeometry o) {
        int inter = intersection(o);
        if (inter == 0) {
            return 0.0;
        }
        return (double) inter / ((long) area + o.area - inter);
    }

    double iom(MaskGeometry o) {
        int inter = intersection(o);
        if (inter == 0) {
            return 0.0;
        }
        return (double) inter / Math.min(area, o.area);
    }

    /** Tight box in continuous pixel coordinates (exclusive far edge), null when empty. */
    Box box() {
        return area == 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1);
    }
}
