package io.maskstream.operators.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Puts a stream's records back in sequence order. Kafka keeps one partition in order, so this only
 * matters when a producer retries or several producers write one stream; it waits for a missing
 * seq until {@code size} later records are buffered, then gives the gap up.
 *
 * <p>Plain logic over seq numbers: the caller keeps the buffered records (in Flink state) and asks
 * this class what to do with each arrival. The value is small and rebuilt from state per call.
 */
public final class ReorderWindow {
    /** What to do with an arriving seq. */
    public enum Verdict {
        /** Buffer it; {@link #releasable()} says what can now be processed. */
        ACCEPT,
        /** Already processed or buffered. */
        DUPLICATE,
        /** Older than the window: its turn has passed. */
        LATE,
        /** So far ahead of the stream that it is more likely corrupt than real. */
        TOO_FAR_AHEAD
    }

    private final int size;
    private final long maxJump;
    private long nextSeq;
    private final NavigableSet<Long> buffered;

    /**
     * @param size how many later records may wait for a missing one
     * @param maxJump largest accepted distance ahead of the next expected seq
     * @param nextSeq the next seq to process, or −1 before the stream's first record
     * @param buffered seqs currently held
     */
    public ReorderWindow(int size, long maxJump, long nextSeq, java.util.Collection<Long> buffered) {
        if (size < 0) {
            throw new IllegalArgumentException("reorder window size must not be negative: " + size);
        }
        this.size = size;
        this.maxJump = maxJump;
        this.nextSeq = nextSeq;
        this.buffered = new TreeSet<>(buffered);
    }

    public Verdict offer(long seq) {
        if (nextSeq < 0) {
            // The first record of a stream fixes where it starts.
            nextSeq = seq;
        }
        if (seq < nextSeq) {
            return nextSeq - seq <= Math.max(size, 1) ? Verdict.DUPLICATE : Verdict.LATE;
        }
        if (buffered.contains(seq)) {
            return Verdict.DUPLICATE;
        }
        if (seq - nextSeq > maxJump) {
            return Verdict.TOO_FAR_AHEAD;
        }
        buffered.add(seq);
        return Verdict.ACCEPT;
    }

    /**
     * Removes and returns, in order, the buffered seqs that may be processed now: the run starting
     * at the next expected seq, and — when more than {@code size} records wait — everything up to
     * the oldest waiting one, giving up the gap before it.
     */
    public List<Long> releasable() {
        List<Long> out = new ArrayList<>();
        while (!buffered.isEmpty()) {
            long first = buffered.first();
            if (first == nextSeq || buffered.size() > size) {
                buffered.pollFirst();
                out.add(first);
                nextSeq = first + 1;
            } else {
                break;
            }
        }
        return out;
    }

    /** Releases everything buffered, in order (end of stream: no gap can be filled any more). */
    public List<Long> drain() {
        List<Long> out = new ArrayList<>(buffered);
        buffered.clear();
        if (!out.isEmpty()) {
            nextSeq = out.get(out.size() - 1) + 1;
        }
        return out;
    }

    public long nextSeq() {
        return nextSeq;
    }
}
