package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frame τ as the rules see it: the live masklets with the tracker model's predictions (ascending
 * id), the detections that score at least {@code detection-score-threshold} (ascending index), the
 * mask IoU of every (detection, masklet) pair of one concept (concepts are separate prompts and
 * never interact), and which masklets a detection matches ({@link PresetRules#matches}). Masklet
 * {@code m} and detection {@code d} below are positions in {@link #masklets} and {@link #detections}.
 */
final class Association {
    /** A live masklet with its prediction for τ. */
    record Predicted(Track track, MaskletPrediction prediction, MaskGeometry geometry) {}

    /**
     * A kept detection; {@code index} is its place in the caller's list. {@code geometry} is null
     * for a detection that can neither spawn nor meet a masklet of its concept.
     */
    record Detected(int index, Detection detection, MaskGeometry geometry) {}

    final long seq;
    /** τ counted in processed frames (the first processed frame is 0). */
    final long frameIndex;
    final List<Predicted> masklets;
    final List<Detected> detections;
    /** The frame's mask size (0 × 0 when it has neither a detection nor a prediction). */
    final int height, width;
    private final double[][] iou;
    private final boolean[] matched;
    private final PresetRules rules;

    private Association(long seq, long frameIndex, List<Predicted> masklets, List<Detected> detections, int height,
                        int width, PresetRules rules) {
        this.seq = seq;
        this.frameIndex = frameIndex;
        this.masklets = masklets;
        this.detections = detections;
        this.height = height;
        this.width = width;
        this.rules = rules;
        this.iou = new double[detections.size()][masklets.size()];
        this.matched = new boolean[masklets.size()];
        for (int d = 0; d < detections.size(); d++) {
            Detected det = detections.get(d);
            for (int m = 0; m < masklets.size(); m++) {
                Predicted p = masklets.get(m);
                if (det.detection().concept().equals(p.track().concept)) {
                    iou[d][m] = det.geometry().iou(p.geometry());
                }
                matched[m] |= rules.matches(iou[d][m]);
            }
        }
    }

    /**
     * Checks and pairs the inputs of frame {@code seq}: one prediction per live masklet, masks of one
     * size; drops the weak detections.
     *
     * @throws IllegalArgumentException if a prediction is missing, unknown or repeated, or masks differ in size
     */
    static Association of(long seq, long frameIndex, Collection<Track> live, List<Detection> detections,
                          List<MaskletPrediction> predictions, TrackerSettings settings, PresetRules rules) {
        List<MaskletPrediction> ordered = inLiveOrder(live, predictions);
        MaskSize size = new MaskSize();
        ordered.forEach(p -> size.check(p.mask()));
        detections.forEach(d -> size.check(d.mask()));
        List<Predicted> masklets = new ArrayList<>(live.size());
        Set<String> liveConcepts = new HashSet<>();
        int m = 0;
        for (Track tr : live) {
            MaskletPrediction p = ordered.get(m++);
            masklets.add(new Predicted(tr, p, MaskGeometry.of(p.mask())));
            liveConcepts.add(tr.concept);
        }
        List<Detected> kept = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            if (d.score() >= settings.detectionScoreThreshold()) {
                // a detection that can neither spawn nor meet a masklet of its concept needs no geometry
                boolean needed = d.score() >= settings.newDetectionThreshold() || liveConcepts.contains(d.concept());
                kept.add(new Detected(i, d, needed ? MaskGeometry.of(d.mask()) : null));
            }
        }
        return new Association(seq, frameIndex, List.copyOf(masklets), List.copyOf(kept), Math.max(size.height, 0),
                Math.max(size.width, 0), rules);
    }

    /** One prediction per live masklet, in the masklets' order. */
    private static List<MaskletPrediction> inLiveOrder(Collection<Track> live, List<MaskletPrediction> predictions) {
        Map<Integer, MaskletPrediction> byId = new HashMap<>();
        Set<Integer> liveIds = new HashSet<>();
        live.forEach(tr -> liveIds.add(tr.id));
        for (MaskletPrediction p : predictions) {
            if (!liveIds.contains(p.maskletId())) {
                throw new IllegalArgumentException("prediction for masklet " + p.maskletId() + ", which is not live");
            }
            if (byId.put(p.maskletId(), p) != null) {
                throw new IllegalArgumentException("two predictions for masklet " + p.maskletId());
            }
        }
        List<MaskletPrediction> ordered = new ArrayList<>(live.size());
        for (Track tr : live) {
            MaskletPrediction p = byId.get(tr.id);
            if (p == null) {
                throw new IllegalArgumentException("no prediction for live masklet " + tr.id);
            }
            ordered.add(p);
        }
        return ordered;
    }

    /** Mask IoU of detection {@code d} and masklet {@code m}'s prediction; 0 across concepts. */
    double iou(int d, int m) {
        return iou[d][m];
    }

    /** The kept detection at {@code index} of the caller's list. */
    Detected detected(int index) {
        for (Detected d : detections) {
            if (d.index() == index) {
                return d;
            }
        }
        throw new IllegalArgumentException("detection " + index + " was dropped");
    }

    /** Whether some detection matches masklet {@code m}'s prediction. */
    boolean matched(int m) {
        return matched[m];
    }

    /** Whether detection {@code d} matches some masklet's prediction. */
    boolean matchedByAny(int d) {
        for (int m = 0; m < masklets.size(); m++) {
            if (rules.matches(iou[d][m])) {
                return true;
            }
        }
        return false;
    }

    /** Whether some detection has mask IoU at least {@code threshold} (and above 0) with masklet {@code m}'s prediction. */
    boolean hasDetectionAtIou(int m, float threshold) {
        for (int d = 0; d < detections.size(); d++) {
            if (iou[d][m] > 0 && iou[d][m] >= threshold) {
                return true;
            }
        }
        return false;
    }

    Mask emptyMask() {
        return Mask.empty(height, width);
    }

    /** The first mask's size; every later mask must have it. */
    private static final class MaskSize {
        int height = -1, width = -1;

        void check(Mask m) {
            if (height < 0) {
                height = m.height();
                width = m.width();
            } else if (m.height() != height || m.width() != width) {
                throw new IllegalArgumentException("mask is " + m.height() + "x" + m.width() + " but the frame's masks are "
                        + height + "x" + width);
            }
        }
    }
}
