package io.maskstream.state.geometry.serialization;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link Mask}: stored as its COCO RLE (format 1: varint height, varint width,
 * varint number of counts, then each count as a varint). A 320×240 mask with a few blobs takes a few
 * hundred bytes instead of the 9.6 KB of its bits.
 */
public final class MaskSerializer extends TypeSerializerSingleton<Mask> {
    private static final long serialVersionUID = 1L;
    public static final MaskSerializer INSTANCE = new MaskSerializer();
    static final int FORMAT_VERSION = 1;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Mask createInstance() {
        return Mask.empty(0, 0);
    }

    @Override
    public Mask copy(Mask from) {
        return from;
    }

    @Override
    public Mask copy(Mask from, Mask reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Mask mask, DataOutputView out) throws IOException {
        RleSerializer.INSTANCE.serialize(Rle.encode(mask), out);
    }

    @Override
    public Mask deserialize(DataInputView in) throws IOException {
        try {
            return RleSerializer.INSTANCE.deserialize(in).decode();
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt mask: " + e.getMessage(), e);
        }
    }

    @Override
    public Mask deserialize(Mask reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        RleSerializer.INSTANCE.copy(in, out);
    }

    @Override
    public TypeSerializerSnapshot<Mask> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link MaskSerializer}; Flink instantiates it by its public no-arg constructor. */
    public static final class Snapshot extends VersionedSingletonSnapshot<Mask> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
