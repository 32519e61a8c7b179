package io.maskstream.operators.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.Exemplar;
import io.maskstream.state.geometry.Box;
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
    void exemplarsRoundTripPerConceptInOrder() throws Exception {
        float[] looks = new float[512];
        looks[3] = 0.75f;
        looks[511] = 0.25f;
        StreamCursor c = StreamCursor.start()
                .withExemplar("image:1", new Exemplar(new Box(1, 2, 30, 40), true, "red", looks))
                .withExemplar("person", new Exemplar(new Box(5, 5, 9, 9), false, null, null))
                .withExemplar("image:1", new Exemplar(new Box(0, 0, 3, 3), false, "blue", new float[512]));
        DataOutputSerializer out = new DataOutputSerializer(64);
        StreamCursorSerializer.INSTANCE.serialize(c, out);
        StreamCursor back = StreamCursorSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.exemplars()).isEqualTo(c.exemplars());
        assertThat(back.exemplars().keySet()).containsExactly("image:1", "person");
    }

    @Test
    void formatOneWithoutExemplarsIsStillRead() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(1);
        out.writeLong(9);
        out.writeInt(2);
        out.writeInt(320);
        out.writeInt(240);
        out.writeInt(-1);
        out.writeInt(0);
        out.writeLong(9);
        StreamCursor back = StreamCursorSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(new StreamCursor(9, 2, 320, 240, null, new TreeMap<>(), 9));
        assertThat(back.exemplars()).isEmpty();
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
