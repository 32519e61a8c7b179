package io.maskstream.state.geometry.serialization;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link Detection} (format 1): the box ({@link BoxSerializer}), the score as a
 * float, the mask ({@link MaskSerializer}), the concept as a Flink string.
 */
public final class DetectionSerializer extends TypeSerializerSingleton<Detection> {
    private static final long serialVersionUID = 1L;
    public static final DetectionSerializer INSTANCE = new DetectionSerializer();
    static final int FORMAT_VERSION = 1;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Detection createInstance() {
        return new Detection(new Box(0, 0, 0, 0), 0f, Mask.empty(0, 0), "");
    }

    @Override
    public Detection copy(Detection from) {
        return from;
    }

    @Override
    public Detection copy(Detection from, Detection reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Detection d, DataOutputView out) throws IOException {
        BoxSerializer.INSTANCE.serialize(d.box(), out);
        out.writeFloat(d.score());
        MaskSerializer.INSTANCE.serialize(d.mask(), out);
        StringValue.writeString(d.concept(), out);
    }

    @Override
    public Detection deserialize(DataInputView in) throws IOException {
        Box box = BoxSerializer.INSTANCE.deserialize(in);
        float score = in.readFloat();
        Mask mask = MaskSerializer.INSTANCE.deserialize(in);
        String concept = StringValue.readString(in);
        try {
            return new Detection(box, score, mask, concept);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("corrupt detection: " + e.getMessage(), e);
        }
    }

    @Override
    public Detection deserialize(Detection reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        BoxSerializer.INSTANCE.copy(in, out);
        out.writeFloat(in.readFloat());
        MaskSerializer.INSTANCE.copy(in, out);
        StringValue.copyString(in, out);
    }

    @Override
    public TypeSerializerSnapshot<Detection> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link DetectionSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<Detection> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
