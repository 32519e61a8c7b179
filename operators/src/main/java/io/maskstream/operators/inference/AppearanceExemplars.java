package io.maskstream.operators.inference;

import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image exemplars for a closed-vocabulary detector (one that knows a fixed list of concepts and cannot pool
 * features under a box as SAM 3's geometry encoder does): the reference models' colours, the coco kit's 80
 * classes. An exemplar is the known concept whose detection lies under its box and the colour histogram of
 * that detection's mask.
 * <ul>
 *   <li>A positive exemplar adds the instances of its known concept whose histogram matches its own
 *       (intersection ≥ {@link #MATCH}), named by the prompt's concept; a concept with text keeps its text
 *       detections as well (text and image: the union).</li>
 *   <li>A negative exemplar takes away the concept's instances whose histogram matches it (≥ {@link #MATCH})
 *       better than any positive exemplar of the concept, and whose box area is within a factor
 *       1 / {@link #NEGATIVE_AREA_RATIO} of its box's: an annotator boxes a wrong detection (a fragment, two
 *       objects merged into one), and in colour alone it looks like every right one of its concept.</li>
 * </ul>
 * The histogram has {@link #BINS}³ bins over RGB, normalised to sum 1, of the mask's pixels in the central half
 * (in width and height) of its bounding box: where an object's own colours are, rather than the background a
 * box-shaped mask (the coco kit's) takes in or the edges JPEG blends with it. Two same-coloured objects under
 * JPEG noise share most of their mass, two differently coloured ones little.
 */
public final class AppearanceExemplars {
    /** Bins per colour channel. */
    public static final int BINS = 8;
    /** Histogram intersection (0..1) at or above which an instance looks like an exemplar. */
    public static final float MATCH = 0.5f;
    /** Smallest ratio of the smaller to the larger box area at which a negative exemplar takes an instance. */
    public static final double NEGATIVE_AREA_RATIO = 0.5;
    /** Box IoU a detection needs with an exemplar's box to be the detection under it. */
    public static final double UNDER_BOX_IOU = 0.3;

    /** Runs a closed-vocabulary detector for known concepts (and text concepts) by name. */
    @FunctionalInterface
    public interface NamedDetector {
        /** Detections of each named concept, labelled with its name. */
        List<Detection> detect(RgbImage frame, List<String> concepts);
    }

    private AppearanceExemplars() {}

    /**
     * The exemplar {@code box} draws on {@code frame}, given the detections of every known concept there: the
     * detection under the box (largest box IoU, at least {@link #UNDER_BOX_IOU}) and its mask's histogram. A
     * negative exemplar without a detection under it keeps the histogram of the box.
     *
     * @throws IllegalArgumentException for a positive exemplar with no detection under its box
     */
    public static Exemplar describe(RgbImage frame, Box box, boolean positive, List<Detection> known) {
        Detection under = null;
        double best = UNDER_BOX_IOU;
        for (Detection d : known) {
            double iou = d.box().iou(box);
            if (iou >= best) {
                best = iou;
                under = d;
            }
        }
        if (under == null) {
            if (positive) {
                throw new IllegalArgumentException("no detection of a known concept lies under the exemplar box " + box
                        + " (box IoU ≥ " + UNDER_BOX_IOU + " needed)");
            }
            Mask inBox = Mask.rectangle(frame.height(), frame.width(), (int) Math.floor(box.x1()),
                    (int) Math.floor(box.y1()), (int) Math.ceil(box.x2()), (int) Math.ceil(box.y2()));
            return new Exemplar(box, false, null, histogram(frame, inBox));
        }
        return new Exemplar(box, positive, under.concept(), histogram(frame, under.mask()));
    }

    /** Detections of {@code concepts} on {@code frame} with their exemplars applied, in {@link DetectorRole#ORDER}. */
    public static List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts,
                                         Map<String, List<Exemplar>> exemplars, NamedDetector detector) {
        List<String> names = new ArrayList<>();
        for (ConceptEmbedding c : concepts) {
            if (!PromptCommand.isImageConcept(c.concept()) && !names.contains(c.concept())) {
                names.add(c.concept());
            }
            for (Exemplar e : exemplars.getOrDefault(c.concept(), List.of())) {
                if (e.positive() && e.knownConcept() != null && !names.contains(e.knownConcept())) {
                    names.add(e.knownConcept());
                }
            }
        }
        Map<String, List<Detection>> byName = new LinkedHashMap<>();
        names.forEach(n -> byName.put(n, new ArrayList<>()));
        if (!names.isEmpty()) {
            for (Detection d : detector.detect(frame, names)) {
                byName.get(d.concept()).add(d);
            }
        }
        List<Detection> out = new ArrayList<>();
        for (ConceptEmbedding c : concepts) {
            String concept = c.concept();
            List<Exemplar> own = exemplars.getOrDefault(concept, List.of());
            List<Detection> kept = new ArrayList<>();
            List<float[]> keptLooks = new ArrayList<>();
            if (!PromptCommand.isImageConcept(concept)) {
                for (Detection d : byName.get(concept)) {
                    kept.add(d);
                    keptLooks.add(own.isEmpty() ? null : histogram(frame, d.mask()));
                }
            }
            List<String> picked = new ArrayList<>();
            for (Exemplar e : own) {
                if (e.positive() && e.knownConcept() != null && !picked.contains(e.knownConcept())) {
                    picked.add(e.knownConcept());
                }
            }
            for (String known : picked) {
                for (Detection d : byName.get(known)) {
                    if (containsBox(kept, d.box())) {
                        continue; // the text found it already
                    }
                    float[] looks = histogram(frame, d.mask());
                    if (bestMatch(looks, own, true, known) >= MATCH) {
                        kept.add(new Detection(d.box(), d.score(), d.mask(), concept));
                        keptLooks.add(looks);
                    }
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                float[] looks = keptLooks.get(i);
                float negative = looks == null ? 0f : bestNegative(looks, kept.get(i).box(), own);
                if (negative < MATCH || negative <= bestMatch(looks, own, true, null)) {
                    out.add(kept.get(i));
                }
            }
        }
        out.sort(DetectorRole.ORDER);
        return out;
    }

    private static boolean containsBox(List<Detection> ds, Box box) {
        for (Detection d : ds) {
            if (d.box().equals(box)) {
                return true;
            }
        }
        return false;
    }

    /** The best similarity to the negative exemplars whose box area is near the instance's; 0 if none. */
    private static float bestNegative(float[] looks, Box box, List<Exemplar> exemplars) {
        float best = 0f;
        for (Exemplar e : exemplars) {
            double a = box.area(), b = e.box().area();
            if (!e.positive() && Math.min(a, b) >= NEGATIVE_AREA_RATIO * Math.max(a, b)) {
                best = Math.max(best, similarity(looks, e.appearance()));
            }
        }
        return best;
    }

    /** The best similarity to the exemplars of one label (and known concept, when given); 0 if none. */
    private static float bestMatch(float[] looks, List<Exemplar> exemplars, boolean positive, String known) {
        float best = 0f;
        for (Exemplar e : exemplars) {
            if (e.positive() == positive && (known == null || known.equals(e.knownConcept()))) {
                best = Math.max(best, similarity(looks, e.appearance()));
            }
        }
        return best;
    }

    /**
     * The RGB histogram of the pixels of {@code mask} in the central half of its bounding box, {@link #BINS}³ bins
     * summing to 1 (all 0 for an empty mask).
     */
    public static float[] histogram(RgbImage frame, Mask mask) {
        float[] h = new float[BINS * BINS * BINS];
        int shift = Integer.numberOfTrailingZeros(256 / BINS);
        Box b = mask.boundingBox();
        if (b == null) {
            return h;
        }
        float qw = b.width() / 4, qh = b.height() / 4;
        int x0 = Math.max(0, (int) (b.x1() + qw)), y0 = Math.max(0, (int) (b.y1() + qh));
        int x1 = Math.min(frame.width(), (int) Math.ceil(b.x2() - qw));
        int y1 = Math.min(frame.height(), (int) Math.ceil(b.y2() - qh));
        int n = 0;
        byte[] rgb = frame.rgb();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (!mask.get(y, x)) {
                    continue;
                }
                int o = 3 * (y * frame.width() + x);
                int bin = (((rgb[o] & 0xff) >> shift) * BINS + ((rgb[o + 1] & 0xff) >> shift)) * BINS
                        + ((rgb[o + 2] & 0xff) >> shift);
                h[bin]++;
                n++;
            }
        }
        if (n > 0) {
            for (int i = 0; i < h.length; i++) {
                h[i] /= n;
            }
        }
        return h;
    }

    /** Histogram intersection: the mass two normalised histograms share, 0..1 (0 when the lengths differ). */
    public static float similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0f;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.min(a[i], b[i]);
        }
        return (float) s;
    }
}
