package io.maskstream.operators.tracking;

import io.maskstream.state.tracking.DuplicateCount;
import io.maskstream.state.tracking.MaskletState;
import io.maskstream.state.tracking.MemoryFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A live masklet's working state inside a {@link StreamTracker}; {@link #toState()} is its durable form. */
final class Track {
    final int id;
    final String concept;
    final long firstSeq;
    final long firstFrameIndex;
    boolean prompted;
    boolean confirmed;
    long firstOutputSeq = -1;
    boolean suppressed;
    long mds = 1;
    int keepAlive;
    long lastMatchedFrameIndex;
    int unmatchedFrames;
    long lastOccludedFrameIndex = -1;
    final TreeMap<Integer, Integer> duplicateCounts = new TreeMap<>();
    final List<MemoryFrame> conditioning = new ArrayList<>();
    final List<MemoryFrame> recent = new ArrayList<>();
    MemoryFrame previousFrame;

    Track(int id, String concept, long firstSeq, long firstFrameIndex, boolean prompted, int keepAlive) {
        this.id = id;
        this.concept = concept;
        this.firstSeq = firstSeq;
        this.firstFrameIndex = firstFrameIndex;
        this.prompted = prompted;
        this.keepAlive = keepAlive;
        this.lastMatchedFrameIndex = firstFrameIndex;
    }

    Track(MaskletState m) {
        this(m.id(), m.concept(), m.firstSeq(), m.firstFrameIndex(), m.prompted(), m.keepAlive());
        confirmed = m.confirmed();
        firstOutputSeq = m.firstOutputSeq();
        suppressed = m.suppressed();
        mds = m.mds();
        lastMatchedFrameIndex = m.lastMatchedFrameIndex();
        unmatchedFrames = m.unmatchedFrames();
        lastOccludedFrameIndex = m.lastOccludedFrameIndex();
        for (DuplicateCount d : m.duplicateCounts()) {
            duplicateCounts.put(d.earlierId(), d.frames());
        }
        conditioning.addAll(m.conditioningMemory());
        recent.addAll(m.recentMemory());
        previousFrame = m.previousFrame();
    }

    /** Young on processed frame {@code frameIndex}: its first frame is within the last T processed frames (τ − t_first ≤ T). */
    boolean isYoung(long frameIndex, int confirmationDelay) {
        return frameIndex - firstFrameIndex <= confirmationDelay;
    }

    boolean startsBefore(Track o) {
        return firstFrameIndex != o.firstFrameIndex ? firstFrameIndex < o.firstFrameIndex : id < o.id;
    }

    void remember(MemoryFrame f, boolean isConditioning, boolean admitted, TrackerSettings s) {
        previousFrame = null;
        if (isConditioning) {
            conditioning.add(f);
            while (conditioning.size() > s.maxConditioningFrames()) {
                conditioning.remove(0);
            }
        } else if (admitted) {
            recent.add(f);
            int keep = Math.max(s.memoryFrames() - 1, s.maxObjectPointers() - 1);
            while (recent.size() > keep) {
                recent.remove(0);
            }
        } else {
            previousFrame = f;
        }
    }

    MaskletState toState() {
        List<DuplicateCount> dups = new ArrayList<>(duplicateCounts.size());
        duplicateCounts.forEach((k, v) -> dups.add(new DuplicateCount(k, v)));
        return new MaskletState(id, concept, firstSeq, firstFrameIndex, prompted, confirmed, firstOutputSeq,
                suppressed, mds, keepAlive, lastMatchedFrameIndex, unmatchedFrames, lastOccludedFrameIndex, dups, conditioning, recent,
                previousFrame);
    }
}
