package io.maskstream.operators.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.tracking.instruction.InstructionState;
import io.maskstream.operators.tracking.instruction.InstructionState.Active;
import io.maskstream.operators.tracking.instruction.InstructionState.MaskletHistory;
import io.maskstream.operators.tracking.instruction.InstructionState.Position;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class InstructionStateSerializerTest {
    @Test
    void instructionsAndHistoriesRoundTripExactly() throws Exception {
        InstructionState s = new InstructionState(
                List.of(new Active("left", "the leftmost object", 3, Long.MAX_VALUE, List.of(2, 5), false),
                        new Active("the blue object", "the blue object", 0, 40, List.of(), true)),
                List.of(new MaskletHistory(2, 3, 1099, true, false, 17, 230.25, 30.5, 29.75, 14,
                        List.of(new Position(1099, 10.5f, 20f), new Position(1132, 12f, 20.25f)))));
        DataOutputSerializer out = new DataOutputSerializer(256);
        InstructionStateSerializer.INSTANCE.serialize(s, out);
        assertThat(InstructionStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(s);
    }

    @Test
    void theSnapshotRecordsTheFormatVersionAndRestoresTheSerializer() throws Exception {
        TypeSerializerSnapshot<InstructionState> snapshot = InstructionStateSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<InstructionState> read = new InstructionStateSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(InstructionStateSerializer.INSTANCE);
        assertThat(snapshot.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }
}
