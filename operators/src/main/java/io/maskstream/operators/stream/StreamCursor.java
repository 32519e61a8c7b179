package io.maskstream.operators.stream;

import io.maskstream.operators.inference.Exemplar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The small durable facts about one stream besides its masklets: where it is in its sequence, its
 * epoch and frame size, its own concepts (null: the job's defaults) and the capture times of frames
 * processed but not yet released (the confirmation window), and the image exemplars of its concepts (by
 * concept, in the order they came).
 */
public record StreamCursor(
        long nextSeq,
        int epoch,
        int width,
        int height,
        List<String> concepts,
        NavigableMap<Long, Long> pendingCaptureTimes,
        long framesProcessed,
        Map<String, List<Exemplar>> exemplars) {

    public StreamCursor {
        concepts = concepts == null ? null : List.copyOf(concepts);
        pendingCaptureTimes = new TreeMap<>(Objects.requireNonNull(pendingCaptureTimes));
        Map<String, List<Exemplar>> copy = new LinkedHashMap<>();
        if (exemplars != null) {
            exemplars.forEach((c, l) -> copy.put(c, List.copyOf(l)));
        }
        exemplars = java.util.Collections.unmodifiableMap(copy);
    }

    public StreamCursor(long nextSeq, int epoch, int width, int height, List<String> concepts,
                        NavigableMap<Long, Long> pendingCaptureTimes, long framesProcessed) {
        this(nextSeq, epoch, width, height, concepts, pendingCaptureTimes, framesProcessed, Map.of());
    }

    /** With {@code exemplar} added to those of {@code concept}. */
    public StreamCursor withExemplar(String concept, Exemplar exemplar) {
        Map<String, List<Exemplar>> e = new LinkedHashMap<>(exemplars);
        List<Exemplar> l = new ArrayList<>(e.getOrDefault(concept, List.of()));
        l.add(exemplar);
        e.put(concept, l);
        return withExemplars(e);
    }

    /** Without the exemplars of {@code concept}, or of every concept when it is null. */
    public StreamCursor withoutExemplars(String concept) {
        Map<String, List<Exemplar>> e = new LinkedHashMap<>(exemplars);
        if (concept == null) {
            e.clear();
        } else {
            e.remove(concept);
        }
        return withExemplars(e);
    }

    private StreamCursor withExemplars(Map<String, List<Exemplar>> e) {
        return new StreamCursor(nextSeq, epoch, width, height, concepts, pendingCaptureTimes, framesProcessed, e);
    }

    public static StreamCursor start() {
        return new StreamCursor(-1, 0, 0, 0, null, new TreeMap<>(), 0);
    }

    public StreamCursor withNextSeq(long seq) {
        return new StreamCursor(seq, epoch, width, height, concepts, pendingCaptureTimes, framesProcessed, exemplars);
    }

    public StreamCursor withConcepts(List<String> newConcepts) {
        return new StreamCursor(nextSeq, epoch, width, height, newConcepts, pendingCaptureTimes, framesProcessed, exemplars);
    }

    /** A new epoch: same sequence, new tracker, frame size learnt again from the next frame. */
    public StreamCursor nextEpoch(int newEpoch) {
        return new StreamCursor(nextSeq, newEpoch, 0, 0, concepts, new TreeMap<>(), framesProcessed, exemplars);
    }

    /** Records that frame {@code seq} was processed; its capture time waits for its release. */
    public StreamCursor processed(long seq, long captureTime, int frameWidth, int frameHeight) {
        NavigableMap<Long, Long> pending = new TreeMap<>(pendingCaptureTimes);
        pending.put(seq, captureTime);
        return new StreamCursor(
                Math.max(nextSeq, seq + 1), epoch, frameWidth, frameHeight, concepts, pending, framesProcessed + 1,
                exemplars);
    }

    /** Forgets the capture times of released frames. */
    public StreamCursor released(Iterable<Long> seqs) {
        NavigableMap<Long, Long> pending = new TreeMap<>(pendingCaptureTimes);
        for (Long s : seqs) {
            pending.remove(s);
        }
        return new StreamCursor(nextSeq, epoch, width, height, concepts, pending, framesProcessed, exemplars);
    }

    public long captureTimeOf(long seq) {
        Long t = pendingCaptureTimes.get(seq);
        if (t == null) {
            throw new IllegalStateException("no pending frame " + seq + " (pending: " + pendingCaptureTimes.keySet() + ")");
        }
        return t;
    }

    /** Equality on contents (the map implementation does not matter). */
    public boolean sameAs(StreamCursor o) {
        return equals(o) && Map.copyOf(pendingCaptureTimes).equals(Map.copyOf(o.pendingCaptureTimes));
    }
}
