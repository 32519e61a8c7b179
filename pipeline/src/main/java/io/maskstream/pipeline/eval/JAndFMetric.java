package io.maskstream.pipeline.eval;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.util.Arrays;

/**
 * J&F for video object segmentation (DAVIS), as TrackEval's {@code JAndF} computes it with its default
 * optimisation on J: J is mask IoU (1 on frames where both masks are empty), F the boundary F-measure
 * with tolerance ceil(0.008 × image diagonal) pixels. Tracks are padded with empty masks on frames
 * where they are absent; tracker ids are assigned to gt ids by mean J; each gt track's per-frame means
 * are averaged over gt tracks.
 */
public final class JAndFMetric {

    static final double BOUND_TH = 0.008;

    /** Means over gt tracks; all NaN when there is no mask on either side. */
    public record Result(double jMean, double jRecall, double fMean, double fRecall, int numGtTracks) {
        public double jAndF() {
            return (jMean + fMean) / 2;
        }
    }

    private JAndFMetric() {}

    public static Result compute(MetricInput data) {
        if (!data.hasMasks()) {
            throw new IllegalArgumentException("J&F needs masks");
        }
        int T = data.numTimesteps();
        int ng = data.numGtIds(), nt = data.numTrackerIds();
        Rle shapeSource = firstMask(ng > 0 ? data.gtMasks() : data.trackerMasks());
        if (shapeSource == null || ng == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int h = shapeSource.height(), w = shapeSource.width();
        int ntPadded = Math.max(nt, ng);
        // Per frame, each id's mask or null when absent. An empty mask counts as absent: TrackEval pads
        // absent ids with empty masks, so the two cannot be told apart.
        Rle[][] gt = byId(data.gtIds(), data.gtMasks(), ng, T);
        Rle[][] tr = byId(data.trackerIds(), data.trackerMasks(), ntPadded, T);

        // Mean J of every (tracker, gt) pair without visiting pairs that never meet: on frames where
        // neither is present J = 1, where only one is present J = 0, where both are it is their IoU.
        int[] gtFrames = new int[ng], trFrames = new int[ntPadded];
        int[][] together = new int[ntPadded][ng];
        double[][] iouSum = new double[ntPadded][ng];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < ng; i++) {
                if (gt[t][i] != null) {
                    gtFrames[i]++;
                }
            }
            for (int k = 0; k < ntPadded; k++) {
                if (tr[t][k] == null) {
                    continue;
                }
                trFrames[k]++;
                for (int i = 0; i < ng; i++) {
                    if (gt[t][i] != null) {
                        together[k][i]++;
                        iouSum[k][i] += tr[t][k].iou(gt[t][i]);
                    }
                }
            }
        }
        double[][] negMeanJ = new double[ntPadded][ng];
        for (int k = 0; k < ntPadded; k++) {
            for (int i = 0; i < ng; i++) {
                int neither = T - (trFrames[k] + gtFrames[i] - together[k][i]);
                negMeanJ[k][i] = -((neither + iouSum[k][i]) / T);
            }
        }
        // rows = tracker ids, columns = gt ids, as TrackEval; ntPadded ≥ ng so every gt id is matched.
        LinearSumAssignment.Assignment m = LinearSumAssignment.minimise(negMeanJ);
        int bp = (int) Math.ceil(BOUND_TH * Math.sqrt((double) h * h + (double) w * w));
        Disk disk = new Disk(bp);
        Mask empty = Mask.empty(h, w);
        double jMean = 0, jRecall = 0, fMean = 0, fRecall = 0;
        for (int p = 0; p < m.size(); p++) {
            int k = m.rows()[p], i = m.cols()[p];
            double js = 0, jr = 0, fs = 0, fr = 0;
            for (int t = 0; t < T; t++) {
                Rle a = tr[t][k], b = gt[t][i];
                double jv, fv;
                if (a == null && b == null) {
                    jv = 1;
                    fv = 1;
                } else {
                    jv = a == null || b == null ? 0 : a.iou(b);
                    fv = boundaryF(a == null ? empty : a.decode(), b == null ? empty : b.decode(), disk);
                }
                js += jv;
                fs += fv;
                jr += jv > 0.5 + Precision.EPS ? 1 : 0;
                fr += fv > 0.5 + Precision.EPS ? 1 : 0;
            }
            jMean += js / T;
            jRecall += jr / T;
            fMean += fs / T;
            fRecall += fr / T;
        }
        return new Result(jMean / ng, jRecall / ng, fMean / ng, fRecall / ng, ng);
    }

    private static Rle firstMask(Rle[][] masks) {
        for (Rle[] f : masks) {
            if (f.length > 0) {
                return f[0];
            }
        }
        return null;
    }

    private static Rle[][] byId(int[][] ids, Rle[][] masks, int n, int T) {
        Rle[][] out = new Rle[T][n];
        for (int t = 0; t < T; t++) {
            for (int k = 0; k < ids[t].length; k++) {
                Rle r = masks[t][k];
                out[t][ids[t][k]] = r.area() == 0 ? null : r;
            }
        }
        return out;
    }

    /** DAVIS boundary F-measure of a predicted mask against a gt mask. */
    static double boundaryF(Mask predicted, Mask groundTruth, Disk disk) {
        boolean[] fg = boundaryMap(predicted);
        boolean[] gtB = boundaryMap(groundTruth);
        int h = predicted.height(), w = predicted.width();
        int nFg = count(fg), nGt = count(gtB);
        double precision, recall;
        if (nFg == 0 && nGt > 0) {
            precision = 1;
            recall = 0;
        } else if (nFg > 0 && nGt == 0) {
            precision = 0;
            recall = 1;
        } else if (nFg == 0) {
            precision = 1;
            recall = 1;
        } else {
            boolean[] fgDil = disk.dilate(fg, h, w);
            boolean[] gtDil = disk.dilate(gtB, h, w);
            int gtMatch = 0, fgMatch = 0;
            for (int p = 0; p < fg.length; p++) {
                if (gtB[p] && fgDil[p]) {
                    gtMatch++;
                }
                if (fg[p] && gtDil[p]) {
                    fgMatch++;
                }
            }
            precision = fgMatch / (double) nFg;
            recall = gtMatch / (double) nGt;
        }
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * DAVIS {@code seg2bmap} at the mask's own size, row-major: a pixel is boundary when it differs from
     * its east, south or south-east neighbour (pixels outside count as background); on the last row
     * only east is compared, on the last column only south, and the bottom-right pixel is never boundary.
     */
    static boolean[] boundaryMap(Mask m) {
        int h = m.height(), w = m.width();
        boolean[] seg = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                seg[y * w + x] = m.get(y, x);
            }
        }
        boolean[] b = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean s = seg[y * w + x];
                boolean e = x + 1 < w && seg[y * w + x + 1];
                boolean so = y + 1 < h && seg[(y + 1) * w + x];
                boolean se = x + 1 < w && y + 1 < h && seg[(y + 1) * w + x + 1];
                boolean v;
                if (y == h - 1 && x == w - 1) {
                    v = false;
                } else if (x == w - 1) {
                    v = s ^ so; // last column (including all rows but the last)
                } else if (y == h - 1) {
                    v = s ^ e;
                } else {
                    v = (s ^ e) | (s ^ so) | (s ^ se);
                }
                b[y * w + x] = v;
            }
        }
        return b;
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean v : a) {
            if (v) {
                n++;
            }
        }
        return n;
    }

    /** skimage's {@code disk(r)}: offsets with dx² + dy² ≤ r²; dilation stamps it on every set pixel. */
    static final class Disk {
        private final int[] dy;
        private final int[] dx;

        Disk(int radius) {
            int n = 0;
            int[] ys = new int[(2 * radius + 1) * (2 * radius + 1)];
            int[] xs = new int[ys.length];
            for (int y = -radius; y <= radius; y++) {
                for (int x = -radius; x <= radius; x++) {
                    if (x * x + y * y <= radius * radius) {
                        ys[n] = y;
                        xs[n] = x;
                        n++;
                    }
                }
            }
            dy = Arrays.copyOf(ys, n);
            dx = Arrays.copyOf(xs, n);
        }

        boolean[] dilate(boolean[] src, int h, int w) {
            boolean[] out = new boolean[src.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (!src[y * w + x]) {
                        continue;
                    }
                    for (int k = 0; k < dy.length; k++) {
                        int yy = y + dy[k], xx = x + dx[k];
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            out[yy * w + xx] = true;
                        }
                    }
                }
            }
            return out;
        }
    }
}
