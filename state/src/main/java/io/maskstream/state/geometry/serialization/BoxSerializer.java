package io.maskstream.state.geometry.serialization;

import io.maskstream.state.geometry.Box;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link Box} (format 1): x1, y1, x2, y2 as four floats, 16 bytes. */
public final class BoxSerializer extends TypeSerializerSingleton<Box> {
    private static final long serialVersionUID = 1L;
    public static final BoxSerializer INSTANCE = new BoxSerializer();
    static final int FORMAT_VERSION = 1;
    private static final int LENGTH = 16;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Box createInstance() {
        return new Box(0, 0, 0, 0);
    }

    @Override
    public Box copy(Box from) {
        return from;
    }

    @Override
    public Box copy(Box from, Box reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return LENGTH;
    }

    @Override
    public void serialize(Box box, DataOutputView out) throws IOException {
        out.writeFloat(box.x1());
        out.writeFloat(box.y1());
        out.writeFloat(box.x2());
        out.writeFloat(box.y2());
    }

    @Override
    public Box deserialize(DataInputView in) throws IOException {
        return new Box(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat());
    }

    @Override
    public Box deserialize(Box reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, LENGTH);
    }

    @Override
    public TypeSerializerSnapshot<Box> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link BoxSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<Box> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
