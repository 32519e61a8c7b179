package io.maskstream.pipeline.eval;

import io.maskstream.state.geometry.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One video's tracks in the form every loader produces and the metrics consume: for each frame
 * (0-based), the objects in source order, and optionally a ground-truth ignore region (MOTS).
 *
 * <p>Source order within a frame is kept on purpose: it is the row / column order of the matching
 * matrices and so decides ties exactly as TrackEval does.
 */
public record TrackingSequence(List<Frame> frames) {

    /** One frame: its objects in source order and the union of its ignore regions (null if none). */
    public record Frame(List<TrackedObject> objects, Rle ignoreRegion) {
        public Frame {
            objects = List.copyOf(objects);
            TreeSet<Integer> seen = new TreeSet<>();
            for (TrackedObject o : objects) {
                if (!seen.add(o.id())) {
                    throw new EvaluationException("id " + o.id() + " occurs more than once in one frame");
                }
            }
        }

        public static Frame of(List<TrackedObject> objects) {
            return new Frame(objects, null);
        }
    }

    public TrackingSequence {
        frames = List.copyOf(frames);
    }

    public int frameCount() {
        return frames.size();
    }

    public Frame frame(int t) {
        return t < frames.size() ? frames.get(t) : Frame.of(List.of());
    }

    /** This sequence with empty frames appended up to {@code count} frames (never shortened). */
    public TrackingSequence padTo(int count) {
        if (count <= frames.size()) {
            return this;
        }
        List<Frame> padded = new ArrayList<>(frames);
        while (padded.size() < count) {
            padded.add(Frame.of(List.of()));
        }
        return new TrackingSequence(padded);
    }

    /** Number of objects over all frames, of any role. */
    public int objectCount() {
        int n = 0;
        for (Frame f : frames) {
            n += f.objects().size();
        }
        return n;
    }

    /** Builds a sequence frame by frame; frames are 0-based and may be added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<List<TrackedObject>> objects = new ArrayList<>();
        private final List<Rle> ignore = new ArrayList<>();

        private void ensure(int t) {
            if (t < 0) {
                throw new EvaluationException("frame index " + t + " is negative");
            }
            while (objects.size() <= t) {
                objects.add(new ArrayList<>());
                ignore.add(null);
            }
        }

        /** Makes the sequence at least {@code count} frames long. */
        public Builder frameCount(int count) {
            if (count > 0) {
                ensure(count - 1);
            }
            return this;
        }

        public Builder add(int t, TrackedObject o) {
            ensure(t);
            objects.get(t).add(o);
            return this;
        }

        /** Adds an ignore region to frame t (united with any already there). */
        public Builder addIgnoreRegion(int t, Rle region) {
            ensure(t);
            Rle current = ignore.get(t);
            ignore.set(t, current == null ? region : Rle.merge(List.of(current, region), false));
            return this;
        }

        public TrackingSequence build() {
            List<Frame> frames = new ArrayList<>(objects.size());
            for (int t = 0; t < objects.size(); t++) {
                frames.add(new Frame(objects.get(t), ignore.get(t)));
            }
            return new TrackingSequence(frames);
        }
    }
}
