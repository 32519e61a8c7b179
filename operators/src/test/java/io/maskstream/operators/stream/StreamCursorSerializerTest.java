package io.maskstream.operators.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StreamCursorSerializerTest {
    @Test
    void cursorRoundTrips() throws Exception {
        TreeMap<Long, Long> pending = new TreeMap<>();
        pending.put(7L, 1000L);
        pending.put(8L, 1033L);
        StreamCursor c = new StreamCursor(9, 2, 320, 240, List.of("red", "blue"), pending, 9);
        DataOutputSerializer out = new DataOutputSerializer(64);
        StreamCursorSerializer.INSTANCE.serialize(c, out);
        StreamCursor back = StreamCursorSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(c);
    }

    @Test
    void cursorWithoutOwnConceptsRoundTripsAsNull() throws Exception {
        StreamCursor c = StreamCursor.start();
        DataOutputSerializer out = new DataOutputSerializer(64);
        StreamCursorSerializer.INSTANCE.serialize(c, out);
        assertThat(StreamCursorSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).concepts())
                .isNull();
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<StreamCursor> snapshot = StreamCursorSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<StreamCursor> read = new StreamCursorSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(StreamCursorSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<StreamCursor> compat =
                StreamCursorSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }
}
