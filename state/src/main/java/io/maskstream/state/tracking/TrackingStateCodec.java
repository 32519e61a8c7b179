package io.maskstream.state.tracking;

import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Compact binary form of the tracking state: LEB128 varints (zig-zag for signed values), RLE masks
 * as their run counts, strings as length-prefixed UTF-8, no Java serialization.
 *
 * <p>Format version 1. A later version adds a branch in the readers, keyed by the version the
 * serializer snapshot recorded.
 */
public final class TrackingStateCodec {
    public static final int FORMAT_VERSION = 1;

    /** Guards against corrupt input allocating huge arrays. */
    private static final int MAX_LIST = 1 << 24;

    private TrackingStateCodec() {}

    // ---- primitives ----

    static void writeVarLong(DataOutputView out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }

    static void writeVarInt(DataOutputView out, int v) throws IOException {
        writeVarLong(out, v & 0xFFFFFFFFL);
    }

    static int readVarInt(DataInputView in) throws IOException {
        long v = readVarLong(in);
        if (v > 0xFFFFFFFFL) {
            throw new IOException("varint out of int range: " + v);
        }
        return (int) v;
    }

    static void writeSignedVarLong(DataOutputView out, long v) throws IOException {
        writeVarLong(out, (v << 1) ^ (v >> 63));
    }

    static long readSignedVarLong(DataInputView in) throws IOException {
        long z = readVarLong(in);
        return (z >>> 1) ^ -(z & 1);
    }

    static int readCount(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n < 0 || n > MAX_LIST) {
            throw new IOException("implausible element count " + n);
        }
        return n;
    }

    static void writeString(DataOutputView out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(out, b.length);
        out.write(b);
    }

    static String readString(DataInputView in) throws IOException {
        byte[] b = new byte[readCount(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void writeRle(DataOutputView out, Rle rle) throws IOException {
        writeVarInt(out, rle.height());
        writeVarInt(out, rle.width());
        int[] counts = rle.counts();
        writeVarInt(out, counts.length);
        for (int c : counts) {
            writeVarInt(out, c);
        }
    }

    public static Rle readRle(DataInputView in) throws IOException {
        int h = readVarInt(in);
        int w = readVarInt(in);
        int[] counts = new int[readCount(in)];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = readVarInt(in);
        }
        try {
            return Rle.ofCounts(h, w, counts);
        } catch (RuntimeException e) {
            throw new IOException("corrupt RLE in tracking state: " + e.getMessage(), e);
        }
    }

    // ---- state types ----

    static void writeMemoryFrame(DataOutputView out, MemoryFrame f) throws IOException {
        writeSignedVarLong(out, f.seq());
        writeRle(out, f.mask());
    }

    static MemoryFrame readMemoryFrame(DataInputView in) throws IOException {
        return new MemoryFrame(readSignedVarLong(in), readRle(in));
    }

    private static void writeMemoryFrames(DataOutputView out, List<MemoryFrame> frames) throws IOException {
        writeVarInt(out, frames.size());
        for (MemoryFrame f : frames) {
            writeMemoryFrame(out, f);
        }
    }

    private static List<MemoryFrame> readMemoryFrames(DataInputView in) throws IOException {
        int n = readCount(in);
        List<MemoryFrame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readMemoryFrame(in));
        }
        return out;
    }

    public static void writeMasklet(DataOutputView out, MaskletState m) throws IOException {
        writeVarInt(out, m.id());
        writeString(out, m.concept());
        writeSignedVarLong(out, m.firstSeq());
        writeSignedVarLong(out, m.firstFrameIndex());
        int flags = (m.prompted() ? 1 : 0)
                | (m.confirmed() ? 2 : 0)
                | (m.suppressed() ? 8 : 0)
                | (m.previousFrame() != null ? 16 : 0);
        out.writeByte(flags);
        writeSignedVarLong(out, m.firstOutputSeq());
        writeSignedVarLong(out, m.mds());
        writeSignedVarLong(out, m.keepAlive());
        writeSignedVarLong(out, m.lastMatchedFrameIndex());
        writeVarInt(out, m.unmatchedFrames());
        writeSignedVarLong(out, m.lastOccludedFrameIndex());
        writeVarInt(out, m.duplicateCounts().size());
        for (DuplicateCount d : m.duplicateCounts()) {
            writeVarInt(out, d.earlierId());
            writeVarInt(out, d.frames());
        }
        writeMemoryFrames(out, m.conditioningMemory());
        writeMemoryFrames(out, m.recentMemory());
        if (m.previousFrame() != null) {
            writeMemoryFrame(out, m.previousFrame());
        }
    }

    public static MaskletState readMasklet(DataInputView in, int version) throws IOException {
        checkVersion(version);
        int id = readVarInt(in);
        String concept = readString(in);
        long firstSeq = readSignedVarLong(in);
        long firstFrameIndex = readSignedVarLong(in);
        int flags = in.readUnsignedByte();
        long firstOutputSeq = readSignedVarLong(in);
        long mds = readSignedVarLong(in);
        int keepAlive = (int) readSignedVarLong(in);
        long lastMatched = readSignedVarLong(in);
        int unmatched = readVarInt(in);
        long lastOccluded = readSignedVarLong(in);
        int nd = readCount(in);
        List<DuplicateCount> dups = new ArrayList<>(nd);
        for (int i = 0; i < nd; i++) {
            dups.add(new DuplicateCount(readVarInt(in), readVarInt(in)));
        }
        List<MemoryFrame> cond = readMemoryFrames(in);
        List<MemoryFrame> recent = readMemoryFrames(in);
        MemoryFrame previous = (flags & 16) != 0 ? readMemoryFrame(in) : null;
        return new MaskletState(id, concept, firstSeq, firstFrameIndex, (flags & 1) != 0, (flags & 2) != 0,
                firstOutputSeq, (flags & 8) != 0, mds, keepAlive, lastMatched, unmatched, lastOccluded, dups, cond, recent,
                previous);
    }

    public static void writePendingFrame(DataOutputView out, PendingFrame f) throws IOException {
        writeSignedVarLong(out, f.seq());
        writeVarInt(out, f.objects().size());
        for (PendingObject o : f.objects()) {
            writeVarInt(out, o.maskletId());
            writeString(out, o.concept());
            out.writeFloat(o.score());
            writeRle(out, o.mask());
            writeVarInt(out, o.events());
        }
    }

    public static PendingFrame readPendingFrame(DataInputView in, int version) throws IOException {
        checkVersion(version);
        long seq = readSignedVarLong(in);
        int n = readCount(in);
        List<PendingObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = readVarInt(in);
            String concept = readString(in);
            float score = in.readFloat();
            Rle mask = readRle(in);
            int events = readVarInt(in);
            objects.add(new PendingObject(id, concept, score, mask, events));
        }
        return new PendingFrame(seq, objects);
    }

    public static void writeState(DataOutputView out, StreamTrackerState s) throws IOException {
        writeSignedVarLong(out, s.lastSeq());
        writeVarLong(out, s.framesProcessed());
        writeSignedVarLong(out, s.lastReleasedSeq());
        writeVarInt(out, s.nextMaskletId());
        writeVarLong(out, s.spawnsDroppedAtLimit());
        writeVarInt(out, s.masklets().size());
        for (MaskletState m : s.masklets()) {
            writeMasklet(out, m);
        }
        writeVarInt(out, s.pendingFrames().size());
        for (PendingFrame f : s.pendingFrames()) {
            writePendingFrame(out, f);
        }
        writeVarInt(out, s.endNotices().size());
        for (EndNotice e : s.endNotices()) {
            writeVarInt(out, e.maskletId());
            writeString(out, e.concept());
            out.writeByte(e.event().ordinal());
        }
    }

    public static StreamTrackerState readState(DataInputView in, int version) throws IOException {
        checkVersion(version);
        long lastSeq = readSignedVarLong(in);
        long frames = readVarLong(in);
        long lastReleased = readSignedVarLong(in);
        int nextId = readVarInt(in);
        long dropped = readVarLong(in);
        int nm = readCount(in);
        List<MaskletState> masklets = new ArrayList<>(nm);
        for (int i = 0; i < nm; i++) {
            masklets.add(readMasklet(in, version));
        }
        int np = readCount(in);
        List<PendingFrame> pending = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            pending.add(readPendingFrame(in, version));
        }
        int ne = readCount(in);
        List<EndNotice> ends = new ArrayList<>(ne);
        MaskletEvent[] events = MaskletEvent.values();
        for (int i = 0; i < ne; i++) {
            int id = readVarInt(in);
            String concept = readString(in);
            int ord = in.readUnsignedByte();
            if (ord >= events.length) {
                throw new IOException("unknown masklet event " + ord);
            }
            ends.add(new EndNotice(id, concept, events[ord]));
        }
        return new StreamTrackerState(lastSeq, frames, lastReleased, nextId, dropped, masklets, pending, ends);
    }

    private static void checkVersion(int version) throws IOException {
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("unsupported tracking state format version " + version);
        }
    }
}
