package io.maskstream.pipeline.eval;

/**
 * An axis-aligned box in pixels, [x, y, width, height] as MOTChallenge files give it, in double
 * precision as TrackEval parses it. Continuous coordinates: right = x + width, no +1 pixel.
 */
public record BoxRegion(double x, double y, double width, double height) {

    /** Box IoU exactly as TrackEval's {@code _calculate_box_ious}: 0 for degenerate boxes or unions. */
    public double iou(BoxRegion o) {
        double x1 = x + width, y1 = y + height;
        double ox1 = o.x + o.width, oy1 = o.y + o.height;
        double iw = Math.max(Math.min(x1, ox1) - Math.max(x, o.x), 0);
        double ih = Math.max(Math.min(y1, oy1) - Math.max(y, o.y), 0);
        double intersection = iw * ih;
        double area1 = (x1 - x) * (y1 - y);
        double area2 = (ox1 - o.x) * (oy1 - o.y);
        double union = area1 + area2 - intersection;
        if (area1 <= Precision.EPS || area2 <= Precision.EPS || union <= Precision.EPS) {
            return 0.0;
        }
        return intersection / union;
    }
}
