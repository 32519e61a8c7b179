package io.maskstream.kit.coco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Post-processing of the detector (NanoDet's generalised focal loss head): every (cell, class) whose score reaches
 * the class's threshold is a candidate; its box edges lie at the expected distance (softmax over 11 bins, times the
 * stride) from the cell centre {@code ((i + 0.5) × stride)}; per class, greedy non-maximum suppression drops
 * candidates overlapping a better one by IoU above {@value #NMS_IOU}; boxes are scaled from the 416×416 input to
 * the frame and clipped to it. As in NanoDet's own post-processing, only the {@value #MAX_CANDIDATES} best
 * candidates enter the suppression and at most {@value #MAX_DETECTIONS} detections come out. Ties are broken by
 * level, cell and class, so the result depends on the scores only.
 */
public final class NanoDetDecoder {
    /** IoU above which a lower-scored box of the same class is suppressed. */
    public static final float NMS_IOU = 0.5f;
    /** Candidates entering the suppression, best first (NanoDet's {@code nms_pre}). */
    public static final int MAX_CANDIDATES = 1000;
    /** Detections returned per frame (NanoDet's {@code max_per_img}). */
    public static final int MAX_DETECTIONS = 100;

    /** Best score first; then class, then box, so equal scores come out in a fixed order. */
    public static final Comparator<CocoDetection> ORDER = Comparator.comparing((CocoDetection d) -> -d.score())
            .thenComparingInt(CocoDetection::classId)
            .thenComparingDouble(CocoDetection::x0).thenComparingDouble(CocoDetection::y0)
            .thenComparingDouble(CocoDetection::x1).thenComparingDouble(CocoDetection::y1);

    private record Candidate(int level, int cell, int classId, float score) {}

    private static final Comparator<Candidate> CANDIDATE_ORDER = Comparator.comparing((Candidate c) -> -c.score())
            .thenComparingInt(Candidate::level).thenComparingInt(Candidate::cell)
            .thenComparingInt(Candidate::classId);

    private NanoDetDecoder() {}

    /**
     * The detections in {@code heads} for a frame of {@code frameWidth × frameHeight} pixels.
     *
     * @param minScoreByClass for each of the 80 classes the lowest score kept, above 0; above 1 leaves the class out
     */
    public static List<CocoDetection> decode(NanoDetHeads heads, int frameWidth, int frameHeight,
                                             float[] minScoreByClass) {
        int classes = CocoClasses.count();
        if (minScoreByClass.length != classes) {
            throw new IllegalArgumentException("expected " + classes + " class thresholds, got " + minScoreByClass.length);
        }
        for (int c = 0; c < classes; c++) {
            if (!(minScoreByClass[c] > 0f)) {
                throw new IllegalArgumentException("the score threshold of " + CocoClasses.name(c) + " must be above 0: "
                        + minScoreByClass[c]);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int level = 0; level < NanoDetHeads.STRIDES.length; level++) {
            float[] scores = heads.scores()[level];
            int cells = NanoDetHeads.cells(level);
            for (int cell = 0; cell < cells; cell++) {
                int base = cell * classes;
                for (int c = 0; c < classes; c++) {
                    float s = scores[base + c];
                    if (s >= minScoreByClass[c]) {
                        candidates.add(new Candidate(level, cell, c, s));
                    }
                }
            }
        }
        candidates.sort(CANDIDATE_ORDER);
        if (candidates.size() > MAX_CANDIDATES) {
            candidates = candidates.subList(0, MAX_CANDIDATES);
        }
        float sx = (float) frameWidth / NanoDetInput.SIZE;
        float sy = (float) frameHeight / NanoDetInput.SIZE;
        List<CocoDetection> kept = new ArrayList<>();
        for (Candidate c : candidates) {
            CocoDetection d = box(heads, c, sx, sy, frameWidth, frameHeight);
            if (!suppressed(d, kept)) {
                kept.add(d);
                if (kept.size() == MAX_DETECTIONS) {
                    break;
                }
            }
        }
        kept.sort(ORDER);
        return kept;
    }

    /** Thresholds that keep every class at {@code minScore} or above. */
    public static float[] uniform(float minScore) {
        float[] t = new float[CocoClasses.count()];
        java.util.Arrays.fill(t, minScore);
        return t;
    }

    private static boolean suppressed(CocoDetection d, List<CocoDetection> kept) {
        for (CocoDetection k : kept) {
            if (k.classId() == d.classId() && iou(k, d) > NMS_IOU) {
                return true;
            }
        }
        return false;
    }

    static float iou(CocoDetection a, CocoDetection b) {
        float w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
        float h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        if (w <= 0 || h <= 0) {
            return 0f;
        }
        float inter = w * h;
        float union = a.width() * a.height() + b.width() * b.height() - inter;
        return union <= 0 ? 0f : inter / union;
    }

    private static CocoDetection box(NanoDetHeads heads, Candidate c, float sx, float sy, int frameWidth,
                                     int frameHeight) {
        int stride = NanoDetHeads.STRIDES[c.level()];
        int grid = NanoDetHeads.grid(c.level());
        float cx = (c.cell() % grid + 0.5f) * stride;
        float cy = (c.cell() / grid + 0.5f) * stride;
        float[] d = heads.distances()[c.level()];
        int base = c.cell() * NanoDetHeads.DISTANCE_CHANNELS;
        float left = expectedBin(d, base) * stride;
        float top = expectedBin(d, base + NanoDetHeads.BINS) * stride;
        float right = expectedBin(d, base + 2 * NanoDetHeads.BINS) * stride;
        float bottom = expectedBin(d, base + 3 * NanoDetHeads.BINS) * stride;
        float x0 = clamp((cx - left) * sx, frameWidth);
        float y0 = clamp((cy - top) * sy, frameHeight);
        float x1 = clamp((cx + right) * sx, frameWidth);
        float y1 = clamp((cy + bottom) * sy, frameHeight);
        return new CocoDetection(c.classId(), CocoClasses.name(c.classId()), c.score(), x0, y0, x1, y1);
    }

    /** Σ i · softmax(logits)_i over the {@link NanoDetHeads#BINS} bins starting at {@code from}. */
    static float expectedBin(float[] logits, int from) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < NanoDetHeads.BINS; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < NanoDetHeads.BINS; i++) {
            double e = Math.exp(logits[from + i] - max);
            sum += e;
            weighted += i * e;
        }
        return (float) (weighted / sum);
    }

    private static float clamp(float v, int limit) {
        return Math.max(0f, Math.min(limit, v));
    }
}
