package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Test driver for a {@link StreamTracker}: hand-made detections per frame and a stand-in for the
 * tracker model that predicts each masklet's mask as the last non-empty mask written to its memory
 * (a perfect but motionless tracker), unless a test overrides a prediction.
 */
final class Scene {
    static final int SIZE = 32;
    static final String CONCEPT = "thing";

    final StreamTracker tracker;
    final Map<Integer, Mask> lastMemoryMask = new HashMap<>();
    final List<FrameDecisions> decisions = new ArrayList<>();
    final List<OutputFrame> outputs = new ArrayList<>();
    long nextSeq = 0;

    Scene(TrackerSettings settings) {
        this(new StreamTracker(settings), 0);
    }

    /** A scene around an existing (e.g. restored) tracker. */
    Scene(StreamTracker tracker, long nextSeq) {
        this.tracker = tracker;
        this.nextSeq = nextSeq;
    }

    static Mask rect(int x0, int y0, int x1, int y1) {
        return Mask.rectangle(SIZE, SIZE, x0, y0, x1, y1);
    }

    static Mask shift(Mask m, int dx, int dy) {
        Mask.Builder b = Mask.builder(m.height(), m.width());
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                int sx = x - dx, sy = y - dy;
                if (sx >= 0 && sy >= 0 && sx < m.width() && sy < m.height() && m.get(sy, sx)) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    static Detection det(Mask mask, float score) {
        return det(mask, score, CONCEPT);
    }

    static Detection det(Mask mask, float score, String concept) {
        Box box = mask.boundingBox();
        return new Detection(box == null ? new Box(0, 0, 0, 0) : box, score, mask, concept);
    }

    static MaskletPrediction pred(int id, Mask mask) {
        return new MaskletPrediction(id, mask, 0.95f, 0.95f);
    }

    FrameDecisions step(List<Detection> detections) {
        return step(detections, (id, defaultPrediction) -> defaultPrediction);
    }

    /** One frame; {@code model} may replace the default prediction of a masklet. */
    FrameDecisions step(List<Detection> detections, BiFunction<Integer, MaskletPrediction, MaskletPrediction> model) {
        List<MaskletPrediction> preds = new ArrayList<>();
        for (int id : tracker.liveMaskletIds()) {
            Mask last = lastMemoryMask.getOrDefault(id, Mask.empty(SIZE, SIZE));
            preds.add(model.apply(id, pred(id, last)));
        }
        FrameDecisions d = tracker.processFrame(nextSeq++, detections, preds);
        for (MemoryWrite w : d.memoryWrites()) {
            if (!w.mask().isEmpty()) {
                lastMemoryMask.put(w.maskletId(), w.mask());
            }
        }
        decisions.add(d);
        outputs.addAll(d.released());
        return d;
    }

    /**
     * Spawns a masklet from a 16×8 detection, then detects the object as its left half (mask IoU
     * with the prediction exactly 0.5); returns the second frame's decisions.
     */
    FrameDecisions detectWholeThenHalf() {
        step(List.of(det(rect(0, 0, 16, 8), 0.9f)));
        return step(List.of(det(rect(0, 0, 8, 8), 0.9f)));
    }

    List<OutputFrame> flush() {
        List<OutputFrame> rest = tracker.flush();
        outputs.addAll(rest);
        return rest;
    }

    OutputObject object(long seq, int id) {
        for (OutputFrame f : outputs) {
            if (f.seq() == seq) {
                for (OutputObject o : f.objects()) {
                    if (o.maskletId() == id) {
                        return o;
                    }
                }
                return null;
            }
        }
        throw new AssertionError("frame " + seq + " was not released");
    }

    boolean everEmitted(int id) {
        return outputs.stream().flatMap(f -> f.objects().stream()).anyMatch(o -> o.maskletId() == id);
    }

    List<Integer> spawnedIds() {
        return decisions.stream().flatMap(d -> d.spawns().stream()).map(Spawn::maskletId).toList();
    }
}
