package io.maskstream.operators.stream;

import io.maskstream.operators.tracking.instruction.InstructionState;
import io.maskstream.operators.tracking.instruction.InstructionState.Active;
import io.maskstream.operators.tracking.instruction.InstructionState.MaskletHistory;
import io.maskstream.operators.tracking.instruction.InstructionState.Position;
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
 * Binary form of {@link InstructionState} in Flink state (keyed state {@code instructions}). Format 1:
 * instruction count, per instruction name, text, fromSeq, untilSeq, selected ids, byModel; history count, per
 * masklet id, firstSeenSeq, firstSeenTime, hidden, wasOccluded, colourSeq, mean red, green, blue,
 * colourFrames, recent positions (time, x, y).
 */
public final class InstructionStateSerializer extends TypeSerializerSingleton<InstructionState> {
    private static final long serialVersionUID = 1L;
    public static final InstructionStateSerializer INSTANCE = new InstructionStateSerializer();
    static final int FORMAT_VERSION = 1;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public InstructionState createInstance() {
        return InstructionState.empty();
    }

    @Override
    public InstructionState copy(InstructionState from) {
        return from;
    }

    @Override
    public InstructionState copy(InstructionState from, InstructionState reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(InstructionState s, DataOutputView out) throws IOException {
        out.writeInt(s.instructions().size());
        for (Active a : s.instructions()) {
            StringValue.writeString(a.name(), out);
            StringValue.writeString(a.text(), out);
            out.writeLong(a.fromSeq());
            out.writeLong(a.untilSeq());
            out.writeInt(a.selected().size());
            for (int id : a.selected()) {
                out.writeInt(id);
            }
            out.writeBoolean(a.byModel());
        }
        out.writeInt(s.histories().size());
        for (MaskletHistory m : s.histories()) {
            out.writeInt(m.id());
            out.writeLong(m.firstSeenSeq());
            out.writeLong(m.firstSeenTime());
            out.writeBoolean(m.hidden());
            out.writeBoolean(m.wasOccluded());
            out.writeLong(m.colourSeq());
            out.writeDouble(m.red());
            out.writeDouble(m.green());
            out.writeDouble(m.blue());
            out.writeInt(m.colourFrames());
            out.writeInt(m.recent().size());
            for (Position p : m.recent()) {
                out.writeLong(p.time());
                out.writeFloat(p.x());
                out.writeFloat(p.y());
            }
        }
    }

    @Override
    public InstructionState deserialize(DataInputView in) throws IOException {
        try {
            int n = count(in);
            List<Active> instructions = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                String name = StringValue.readString(in);
                String text = StringValue.readString(in);
                long from = in.readLong();
                long until = in.readLong();
                int k = count(in);
                List<Integer> selected = new ArrayList<>(Math.min(k, 1024));
                for (int j = 0; j < k; j++) {
                    selected.add(in.readInt());
                }
                instructions.add(new Active(name, text, from, until, selected, in.readBoolean()));
            }
            int h = count(in);
            List<MaskletHistory> histories = new ArrayList<>(Math.min(h, 1024));
            for (int i = 0; i < h; i++) {
                int id = in.readInt();
                long firstSeenSeq = in.readLong();
                long firstSeenTime = in.readLong();
                boolean hidden = in.readBoolean();
                boolean occluded = in.readBoolean();
                long colourSeq = in.readLong();
                double red = in.readDouble();
                double green = in.readDouble();
                double blue = in.readDouble();
                int colourFrames = in.readInt();
                int r = count(in);
                List<Position> recent = new ArrayList<>(Math.min(r, 64));
                for (int j = 0; j < r; j++) {
                    recent.add(new Position(in.readLong(), in.readFloat(), in.readFloat()));
                }
                histories.add(new MaskletHistory(id, firstSeenSeq, firstSeenTime, hidden, occluded, colourSeq, red, green,
                        blue, colourFrames, recent));
            }
            return new InstructionState(instructions, histories);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("corrupt instruction state: " + e.getMessage(), e);
        }
    }

    @Override
    public InstructionState deserialize(InstructionState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<InstructionState> snapshotConfiguration() {
        return new Snapshot();
    }

    private static int count(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt instruction state: negative count " + n);
        }
        return n;
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** Snapshot of {@link InstructionStateSerializer}. */
    public static final class Snapshot extends VersionedSingletonSnapshot<InstructionState> {
        public Snapshot() {
            super(INSTANCE, FORMAT_VERSION);
        }
    }
}
