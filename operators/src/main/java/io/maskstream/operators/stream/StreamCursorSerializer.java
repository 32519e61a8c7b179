package io.maskstream.operators.stream;

import io.maskstream.operators.inference.Exemplar;
import io.maskstream.state.geometry.serialization.BoxSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary form of {@link StreamCursor} in Flink state. Format 2 adds the exemplars after the frame count (per
 * concept: name, then per exemplar its box, label, known concept and sparse appearance); format 1 had none
 * and is still read.
 */
public final class StreamCursorSerializer extends TypeSerializerSingleton<StreamCursor> {
    public static final StreamCursorSerializer INSTANCE = new StreamCursorSerializer();
    private static final int FORMAT_VERSION = 2;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public StreamCursor createInstance() {
        return StreamCursor.start();
    }

    @Override
    public StreamCursor copy(StreamCursor from) {
        return from;
    }

    @Override
    public StreamCursor copy(StreamCursor from, StreamCursor reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StreamCursor c, DataOutputView out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(c.nextSeq());
        out.writeInt(c.epoch());
        out.writeInt(c.width());
        out.writeInt(c.height());
        if (c.concepts() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(c.concepts().size());
            for (String s : c.concepts()) {
                out.writeUTF(s);
            }
        }
        out.writeInt(c.pendingCaptureTimes().size());
        for (var e : c.pendingCaptureTimes().entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(c.framesProcessed());
        out.writeInt(c.exemplars().size());
        for (var e : c.exemplars().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (Exemplar x : e.getValue()) {
                BoxSerializer.INSTANCE.serialize(x.box(), out);
                out.writeBoolean(x.positive());
                out.writeBoolean(x.knownConcept() != null);
                if (x.knownConcept() != null) {
                    out.writeUTF(x.knownConcept());
                }
                float[] a = x.appearance();
                int nonZero = 0;
                for (float v : a) {
                    nonZero += v != 0f ? 1 : 0;
                }
                out.writeInt(a.length);
                out.writeInt(nonZero);
                for (int i = 0; i < a.length; i++) {
                    if (a[i] != 0f) {
                        out.writeInt(i);
                        out.writeFloat(a[i]);
                    }
                }
            }
        }
    }

    @Override
    public StreamCursor deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != 1 && version != FORMAT_VERSION) {
            throw new IOException("unknown StreamCursor format version " + version);
        }
        long nextSeq = in.readLong();
        int epoch = in.readInt();
        int width = in.readInt();
        int height = in.readInt();
        int nConcepts = in.readInt();
        List<String> concepts = null;
        if (nConcepts >= 0) {
            concepts = new ArrayList<>(nConcepts);
            for (int i = 0; i < nConcepts; i++) {
                concepts.add(in.readUTF());
            }
        }
        int nPending = in.readInt();
        TreeMap<Long, Long> pending = new TreeMap<>();
        for (int i = 0; i < nPending; i++) {
            pending.put(in.readLong(), in.readLong());
        }
        long frames = in.readLong();
        Map<String, List<Exemplar>> exemplars = new LinkedHashMap<>();
        int nConceptsWithExemplars = version == 1 ? 0 : in.readInt();
        for (int i = 0; i < nConceptsWithExemplars; i++) {
            String concept = in.readUTF();
            int n = in.readInt();
            List<Exemplar> list = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                var box = BoxSerializer.INSTANCE.deserialize(in);
                boolean positive = in.readBoolean();
                String known = in.readBoolean() ? in.readUTF() : null;
                float[] a = new float[in.readInt()];
                int nonZero = in.readInt();
                for (int k = 0; k < nonZero; k++) {
                    int at = in.readInt();
                    a[at] = in.readFloat();
                }
                list.add(new Exemplar(box, positive, known, a));
            }
            exemplars.put(concept, list);
        }
        return new StreamCursor(nextSeq, epoch, width, height, concepts, pending, frames, exemplars);
    }

    @Override
    public StreamCursor deserialize(StreamCursor reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<StreamCursor> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer; reads every format version this class knows. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamCursor> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
