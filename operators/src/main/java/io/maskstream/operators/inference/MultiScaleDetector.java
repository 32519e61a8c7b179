package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Image-level multi-scale test-time augmentation of a fixed-input detector (GOOSE 2D challenge): the
 * frame is rescaled by each of {@link InferenceOptions#DETECTOR_TTA_SCALES}; a scale above 1 makes an
 * image larger than the frame, which is cut into frame-sized tiles (as few as cover it, overlapping
 * evenly), so each tile reaches the detector at the resolution the frame itself does and its objects
 * are larger there. Each tile's detections are mapped back to frame pixels (box shifted and divided by
 * the scale, mask sampled at pixel centres); a detection touching a tile edge that is not an edge of the
 * scaled image is dropped, because another tile sees that object whole. The union of all scales is
 * returned sorted as {@link DetectorRole#detect} promises; the stream de-duplicates it with
 * {@code DetectionNms} (IoM 0.5 per concept), which is the merge.
 */
public final class MultiScaleDetector implements DetectorRole {
    private final DetectorRole base;
    private final List<Double> scales;

    private MultiScaleDetector(DetectorRole base, List<Double> scales) {
        this.base = base;
        this.scales = List.copyOf(scales);
    }

    /** {@code base} itself when the only scale is 1, otherwise {@code base} at every scale. */
    public static DetectorRole of(DetectorRole base, List<Double> scales) {
        for (double s : scales) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(InferenceOptions.DETECTOR_TTA_SCALES.key() + ": scales must be positive, got " + scales);
            }
        }
        if (scales.isEmpty()) {
            throw new IllegalArgumentException(InferenceOptions.DETECTOR_TTA_SCALES.key() + ": at least one scale");
        }
        return scales.equals(List.of(1.0)) ? base : new MultiScaleDetector(base, scales);
    }

    @Override
    public boolean batchesFrames() {
        return false;
    }

    @Override
    public List<List<Detection>> detect(List<Request> requests) {
        List<List<Detection>> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(detect(r.frame(), r.concepts()));
        }
        return out;
    }

    @Override
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts) {
        List<Detection> all = new ArrayList<>();
        int w = frame.width(), h = frame.height();
        for (double s : scales) {
            if (s == 1.0) {
                all.addAll(base.detect(frame, concepts));
                continue;
            }
            int sw = Math.max(1, (int) Math.round(w * s)), sh = Math.max(1, (int) Math.round(h * s));
            RgbImage scaled = resize(frame, sw, sh);
            int tw = Math.min(w, sw), th = Math.min(h, sh);
            for (int oy : origins(sh, th)) {
                for (int ox : origins(sw, tw)) {
                    RgbImage tile = crop(scaled, ox, oy, tw, th);
                    for (Detection d : base.detect(tile, concepts)) {
                        Box b = d.box();
                        boolean cut = (ox > 0 && b.x1() <= 1) || (oy > 0 && b.y1() <= 1)
                                || (ox + tw < sw && b.x2() >= tw - 1) || (oy + th < sh && b.y2() >= th - 1);
                        if (!cut) {
                            all.add(mapBack(d, ox, oy, s, w, h));
                        }
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble((Detection d) -> -d.score())
                .thenComparingDouble(d -> d.box().x1()).thenComparingDouble(d -> d.box().y1())
                .thenComparingDouble(d -> d.box().x2()).thenComparingDouble(d -> d.box().y2())
                .thenComparing(Detection::concept));
        return all;
    }

    /** Tile origins along one axis: as few tiles of {@code tile} as cover {@code size}, spread evenly. */
    static List<Integer> origins(int size, int tile) {
        int n = (size + tile - 1) / tile;
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(n == 1 ? 0 : (int) Math.round((double) i * (size - tile) / (n - 1)));
        }
        return out;
    }

    private static Detection mapBack(Detection d, int ox, int oy, double s, int w, int h) {
        Box b = d.box();
        Box box = new Box((float) ((b.x1() + ox) / s), (float) ((b.y1() + oy) / s), (float) ((b.x2() + ox) / s),
                (float) ((b.y2() + oy) / s)).clip(w, h);
        Mask mask = null;
        if (d.mask() != null) {
            Mask tm = d.mask();
            Mask.Builder mb = Mask.builder(h, w);
            int x0 = Math.max(0, (int) Math.floor(box.x1())), x1 = Math.min(w, (int) Math.ceil(box.x2()));
            int y0 = Math.max(0, (int) Math.floor(box.y1())), y1 = Math.min(h, (int) Math.ceil(box.y2()));
            for (int y = y0; y < y1; y++) {
                int ty = (int) Math.floor((y + 0.5) * s) - oy;
                for (int x = x0; x < x1; x++) {
                    int tx = (int) Math.floor((x + 0.5) * s) - ox;
                    if (tx >= 0 && ty >= 0 && tx < tm.width() && ty < tm.height() && tm.get(ty, tx)) {
                        mb.set(y, x);
                    }
                }
            }
            mask = mb.build();
        }
        return new Detection(box, d.score(), mask, d.concept());
    }

    /** Bilinear resize, pixel centres aligned. */
    static RgbImage resize(RgbImage in, int w, int h) {
        byte[] out = new byte[w * h * 3];
        byte[] src = in.rgb();
        int iw = in.width(), ih = in.height();
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(ih - 1, (y + 0.5) * ih / h - 0.5));
            int y0 = (int) fy, y1 = Math.min(ih - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(iw - 1, (x + 0.5) * iw / w - 0.5));
                int x0 = (int) fx, x1 = Math.min(iw - 1, x0 + 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double v = (1 - wy) * ((1 - wx) * (src[(y0 * iw + x0) * 3 + c] & 0xff) + wx * (src[(y0 * iw + x1) * 3 + c] & 0xff))
                            + wy * ((1 - wx) * (src[(y1 * iw + x0) * 3 + c] & 0xff) + wx * (src[(y1 * iw + x1) * 3 + c] & 0xff));
                    out[(y * w + x) * 3 + c] = (byte) Math.round(v);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage crop(RgbImage in, int ox, int oy, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(in.rgb(), ((oy + y) * in.width() + ox) * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }
}
