package io.maskstream.state.record;

import io.maskstream.state.tracking.MaskletEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.Mask;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RecordSerializersTest {

    @Test
    void maskletFramesRoundTripExactly() throws IOException {
        MaskletFrame f = new MaskletFrame("cam-1", 3, 4, 5, 6, 4, List.of(new MaskletObject(
                7, "person", 0.123456789f, new float[] {1.0000001f, 2, 3, 4}, RleMask.of(Mask.rectangle(4, 6, 1, 1, 3, 3)),
                List.of(MaskletEvent.RECOVERED), null, List.of("left", "largest"))));
        assertThat(roundTrip(MaskletFrameSerializer.INSTANCE, f)).isEqualTo(f);
        assertThat(roundTrip(MaskletFrameSerializer.INSTANCE, MaskletFrameJsonTest.example()))
                .isEqualTo(MaskletFrameJsonTest.example());
    }

    @Test
    void aMaskletFrameCopyDoesNotShareTheBoxArrays() {
        MaskletFrame f = MaskletFrameJsonTest.example();
        MaskletFrame copy = MaskletFrameSerializer.INSTANCE.copy(f);
        assertThat(copy).isEqualTo(f);
        assertThat(copy.objects().get(0).box()).isNotSameAs(f.objects().get(0).box());
    }

    @Test
    void promptCommandsRoundTrip() throws IOException {
        for (PromptCommand p : PromptCommandJsonTest.onePerAction()) {
            assertThat(roundTrip(PromptCommandSerializer.INSTANCE, p)).isEqualTo(p);
        }
    }

    @Test
    void snapshotsRestoreTheSerializers() throws IOException {
        for (TypeSerializer<?> s : List.of(MaskletFrameSerializer.INSTANCE, PromptCommandSerializer.INSTANCE)) {
            assertSnapshotRestores(s);
        }
    }

    @Test
    void flatRecordTypesAreFlinkPojosNotKryo() {
        for (Class<?> c : List.of(FrameRecord.class, DeadLetter.class, RawFrameRecord.class, RawPromptRecord.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    private static <T> void assertSnapshotRestores(TypeSerializer<T> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), RecordSerializersTest.class.getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertThat(in.available()).isZero();
        DataOutputSerializer copied = new DataOutputSerializer(64);
        s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return back;
    }
}
