package io.maskstream.state.record;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.serialization.BoxSerializer;
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
 * Flink serializer of {@link PromptCommand} between operators and in state (pending prompts): exact,
 * no Kryo. Format 2: streamId, action label, then presence-flagged seq, concepts, concept, box,
 * points, objectId, positive, instruction, name (format 1 ended after objectId).
 */
public final class PromptCommandSerializer extends TypeSerializerSingleton<PromptCommand> {
    private static final long serialVersionUID = 1L;
    public static final PromptCommandSerializer INSTANCE = new PromptCommandSerializer();
    static final int FORMAT_VERSION = 2;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public PromptCommand createInstance() {
        return PromptCommand.setConcepts("-", List.of(), null);
    }

    @Override
    public PromptCommand copy(PromptCommand from) {
        return from;
    }

    @Override
    public PromptCommand copy(PromptCommand from, PromptCommand reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PromptCommand p, DataOutputView out) throws IOException {
        StringValue.writeString(p.streamId(), out);
        StringValue.writeString(p.action().label(), out);
        out.writeBoolean(p.seq() != null);
        if (p.seq() != null) {
            out.writeLong(p.seq());
        }
        out.writeInt(p.concepts().size());
        for (String c : p.concepts()) {
            StringValue.writeString(c, out);
        }
        out.writeBoolean(p.concept() != null);
        if (p.concept() != null) {
            StringValue.writeString(p.concept(), out);
        }
        out.writeBoolean(p.box() != null);
        if (p.box() != null) {
            BoxSerializer.INSTANCE.serialize(p.box(), out);
        }
        out.writeInt(p.points().size());
        for (PromptPoint pt : p.points()) {
            out.writeFloat(pt.x());
            out.writeFloat(pt.y());
            out.writeBoolean(pt.positive());
        }
        out.writeBoolean(p.objectId() != null);
        if (p.objectId() != null) {
            out.writeInt(p.objectId());
        }
        out.writeBoolean(p.positive() != null);
        if (p.positive() != null) {
            out.writeBoolean(p.positive());
        }
        StringValue.writeString(p.instruction(), out); // null-safe
        StringValue.writeString(p.name(), out);
    }

    @Override
    public PromptCommand deserialize(DataInputView in) throws IOException {
        String streamId = StringValue.readString(in);
        String label = StringValue.readString(in);
        PromptAction action = PromptAction.ofLabel(label);
        if (action == null) {
            throw new IOException("corrupt prompt: unknown action '" + label + "'");
        }
        Long seq = in.readBoolean() ? in.readLong() : null;
        int nc = count(in);
        List<String> concepts = new ArrayList<>(Math.min(nc, PromptCommandJson.MAX_CONCEPTS));
        for (int i = 0; i < nc; i++) {
            concepts.add(StringValue.readString(in));
        }
        String concept = in.readBoolean() ? StringValue.readString(in) : null;
        Box box = in.readBoolean() ? BoxSerializer.INSTANCE.deserialize(in) : null;
        int np = count(in);
        List<PromptPoint> points = new ArrayList<>(Math.min(np, PromptCommandJson.MAX_POINTS));
        try {
            for (int i = 0; i < np; i++) {
                points.add(new PromptPoint(in.readFloat(), in.readFloat(), in.readBoolean()));
            }
            Integer objectId = in.readBoolean() ? in.readInt() : null;
            Boolean positive = in.readBoolean() ? in.readBoolean() : null;
            String instruction = StringValue.readString(in);
            String name = StringValue.readString(in);
            return new PromptCommand(streamId, action, concepts, concept, box, points, objectId, seq, positive,
                    instruction, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("corrupt prompt: " + e.getMessage(), e);
        }
    }

    @Override
    public PromptCommand deserialize(PromptCommand reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<PromptCommand> snapshotConfiguration() {
        return new Snapshot();
    }

    private static int count(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt prompt: negative count " + n);
        }
        return n;
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link PromptCommandSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<PromptCommand> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
