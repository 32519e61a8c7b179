package io.maskstream.state.record;

import io.maskstream.state.tracking.MaskletEvent;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.serialization.VersionedSingletonSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link MaskletFrame} between operators and in state: exact (floats as bits,
 * unlike the rounded JSON), no Kryo. Format 1: streamId, seq, captureTime, emitTime, width, height,
 * object count, then per object id, concept, score, box[4], mask height, width, counts, event count
 * and event labels, mask source, instruction count and names (format 3; format 2 had no instructions).
 */
public final class MaskletFrameSerializer extends TypeSerializerSingleton<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    public static final MaskletFrameSerializer INSTANCE = new MaskletFrameSerializer();
    static final int FORMAT_VERSION = 3;

    @Override
    public boolean isImmutableType() {
        return false; // box is a float[]
    }

    @Override
    public MaskletFrame createInstance() {
        return new MaskletFrame("", 0, 0, 0, 0, 0, List.of());
    }

    @Override
    public MaskletFrame copy(MaskletFrame from) {
        List<MaskletObject> objects = new ArrayList<>(from.objects().size());
        for (MaskletObject o : from.objects()) {
            objects.add(new MaskletObject(o.id(), o.concept(), o.score(), o.box().clone(), o.mask(), o.events(),
                    o.maskSource(), o.instructions()));
        }
        return new MaskletFrame(
                from.streamId(), from.seq(), from.captureTime(), from.emitTime(), from.width(), from.height(), objects);
    }

    @Override
    public MaskletFrame copy(MaskletFrame from, MaskletFrame reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(MaskletFrame f, DataOutputView out) throws IOException {
        StringValue.writeString(f.streamId(), out);
        out.writeLong(f.seq());
        out.writeLong(f.captureTime());
        out.writeLong(f.emitTime());
        out.writeInt(f.width());
        out.writeInt(f.height());
        out.writeInt(f.objects().size());
        for (MaskletObject o : f.objects()) {
            out.writeInt(o.id());
            StringValue.writeString(o.concept(), out);
            out.writeFloat(o.score());
            for (float v : o.box()) {
                out.writeFloat(v);
            }
            out.writeInt(o.mask().height());
            out.writeInt(o.mask().width());
            StringValue.writeString(o.mask().counts(), out);
            out.writeInt(o.events().size());
            for (MaskletEvent e : o.events()) {
                StringValue.writeString(e.label(), out);
            }
            StringValue.writeString(o.maskSource(), out); // null-safe
            out.writeInt(o.instructions().size());
            for (String name : o.instructions()) {
                StringValue.writeString(name, out);
            }
        }
    }

    @Override
    public MaskletFrame deserialize(DataInputView in) throws IOException {
        String streamId = StringValue.readString(in);
        long seq = in.readLong();
        long captureTime = in.readLong();
        long emitTime = in.readLong();
        int width = in.readInt();
        int height = in.readInt();
        int n = count(in);
        List<MaskletObject> objects = new ArrayList<>(Math.min(n, 1024));
        try {
            for (int i = 0; i < n; i++) {
                int id = in.readInt();
                String concept = StringValue.readString(in);
                float score = in.readFloat();
                float[] box = {in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat()};
                RleMask mask = new RleMask(in.readInt(), in.readInt(), StringValue.readString(in));
                int ne = count(in);
                List<MaskletEvent> events = new ArrayList<>(Math.min(ne, 16));
                for (int k = 0; k < ne; k++) {
                    events.add(MaskletEvent.ofLabel(StringValue.readString(in)));
                }
                String maskSource = StringValue.readString(in);
                int ni = count(in);
                List<String> instructions = new ArrayList<>(Math.min(ni, 32));
                for (int k = 0; k < ni; k++) {
                    instructions.add(StringValue.readString(in));
                }
                objects.add(new MaskletObject(id, concept, score, box, mask, events, maskSource, instructions));
            }
            return new MaskletFrame(streamId, seq, captureTime, emitTime, width, height, objects);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("corrupt masklet frame: " + e.getMessage(), e);
        }
    }

    @Override
    public MaskletFrame deserialize(MaskletFrame reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<MaskletFrame> snapshotConfiguration() {
        return new Snapshot();
    }

    private static int count(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt masklet frame: negative count " + n);
        }
        return n;
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link MaskletFrameSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<MaskletFrame> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
