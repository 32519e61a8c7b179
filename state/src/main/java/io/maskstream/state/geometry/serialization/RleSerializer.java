package io.maskstream.state.geometry.serialization;

import io.maskstream.state.geometry.InvalidRleException;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link Rle} (format 1): varint height, varint width, varint number of counts,
 * then each count as a varint. Counts are validated on read (they must cover height × width).
 */
public final class RleSerializer extends TypeSerializerSingleton<Rle> {
    private static final long serialVersionUID = 1L;
    public static final RleSerializer INSTANCE = new RleSerializer();
    static final int FORMAT_VERSION = 1;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Rle createInstance() {
        return Rle.ofCounts(0, 0, new int[] {0});
    }

    @Override
    public Rle copy(Rle from) {
        return from;
    }

    @Override
    public Rle copy(Rle from, Rle reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Rle rle, DataOutputView out) throws IOException {
        int[] counts = rle.counts();
        Varints.write(rle.height(), out);
        Varints.write(rle.width(), out);
        Varints.write(counts.length, out);
        for (int c : counts) {
            Varints.write(c, out);
        }
    }

    @Override
    public Rle deserialize(DataInputView in) throws IOException {
        int height = Varints.read(in);
        int width = Varints.read(in);
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IOException("corrupt RLE: size " + height + "x" + width);
        }
        int n = Varints.read(in);
        if (n > (long) height * width + 1) {
            throw new IOException("corrupt RLE: " + n + " counts for " + height + "x" + width);
        }
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = Varints.read(in);
        }
        try {
            return Rle.ofCounts(height, width, counts);
        } catch (InvalidRleException e) {
            throw new IOException("corrupt RLE: " + e.getMessage(), e);
        }
    }

    @Override
    public Rle deserialize(Rle reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        Varints.copy(in, out);
        Varints.copy(in, out);
        int n = Varints.copy(in, out);
        for (int i = 0; i < n; i++) {
            Varints.copy(in, out);
        }
    }

    @Override
    public TypeSerializerSnapshot<Rle> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link RleSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<Rle> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
