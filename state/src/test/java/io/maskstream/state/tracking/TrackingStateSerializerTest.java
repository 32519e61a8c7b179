package io.maskstream.state.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TrackingStateSerializerTest {
    static Rle rect(int x0, int y0, int x1, int y1) {
        return Mask.rectangle(48, 64, x0, y0, x1, y1).toRle();
    }

    static MaskletState masklet(int id, boolean withPrevious) {
        return new MaskletState(id, "person ✓", 100 + id, 7, id % 2 == 0, true, 101, id == 3, -4, 30, -1, 2, 12,
                List.of(new DuplicateCount(1, 5), new DuplicateCount(2, 8)),
                List.of(new MemoryFrame(100, rect(1, 1, 9, 9)), new MemoryFrame(116, rect(2, 2, 10, 10))),
                List.of(new MemoryFrame(117, rect(3, 3, 11, 11))),
                withPrevious ? new MemoryFrame(118, Mask.empty(48, 64).toRle()) : null);
    }

    static StreamTrackerState sample() {
        PendingFrame f1 = new PendingFrame(117, List.of(
                new PendingObject(1, "person ✓", 0.93f, rect(0, 0, 64, 48), MaskletEvent.STARTED.bit()),
                new PendingObject(3, "person ✓", 0f, Mask.empty(48, 64).toRle(),
                        MaskletEvent.SUPPRESSED.bit() | MaskletEvent.CONFIRMED.bit())));
        PendingFrame f2 = new PendingFrame(118, List.of());
        return new StreamTrackerState(118, 119, 102, 4, 3, List.of(masklet(1, true), masklet(3, false)),
                List.of(f1, f2), List.of(new EndNotice(2, "car", MaskletEvent.REMOVED_AS_DUPLICATE)));
    }

    static <T> byte[] write(TypeSerializer<T> s, T v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(v, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void streamTrackerState_roundTripsToAnEqualValue() throws IOException {
        StreamTrackerState st = sample();
        byte[] bytes = write(StreamTrackerStateSerializer.INSTANCE, st);
        assertThat(StreamTrackerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes))).isEqualTo(st);
        assertThat(StreamTrackerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(
                write(StreamTrackerStateSerializer.INSTANCE, StreamTrackerState.initial()))))
                .isEqualTo(StreamTrackerState.initial());
    }

    @Test
    void nestedStateTypes_roundTrip() throws IOException {
        MaskletState m = masklet(3, true);
        assertThat(MaskletStateSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(write(MaskletStateSerializer.INSTANCE, m)))).isEqualTo(m);
        PendingFrame f = sample().pendingFrames().get(0);
        assertThat(PendingFrameSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(write(PendingFrameSerializer.INSTANCE, f)))).isEqualTo(f);
    }

    @Test
    void copyBetweenViews_preservesTheBytes() throws IOException {
        byte[] bytes = write(StreamTrackerStateSerializer.INSTANCE, sample());
        DataOutputSerializer out = new DataOutputSerializer(64);
        StreamTrackerStateSerializer.INSTANCE.copy(new DataInputDeserializer(bytes), out);
        assertThat(out.getCopyOfBuffer()).isEqualTo(bytes);
    }

    @Test
    void encoding_isCompact() throws IOException {
        // two masklets with three memory frames each and two pending frames: well under a kilobyte
        assertThat(write(StreamTrackerStateSerializer.INSTANCE, sample()).length).isLessThan(400);
    }

    @Test
    void snapshot_restoresAnEqualSerializerAndIsCompatibleAsIs() throws IOException {
        for (TypeSerializer<?> s : List.of(StreamTrackerStateSerializer.INSTANCE, MaskletStateSerializer.INSTANCE,
                PendingFrameSerializer.INSTANCE)) {
            TypeSerializerSnapshot<?> snapshot = s.snapshotConfiguration();
            DataOutputSerializer out = new DataOutputSerializer(64);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
            TypeSerializerSnapshot<Object> read = TypeSerializerSnapshot.readVersionedSnapshot(
                    new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
            assertThat(read.getClass()).isEqualTo(snapshot.getClass());
            assertThat(read.restoreSerializer()).isEqualTo(s);
            @SuppressWarnings("unchecked")
            TypeSerializerSnapshot<Object> current = (TypeSerializerSnapshot<Object>) s.snapshotConfiguration();
            assertThat(current.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        }
    }

    @Test
    void snapshotOfAnotherSerializer_isIncompatible() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<StreamTrackerState> other = (TypeSerializerSnapshot) MaskletStateSerializer.INSTANCE.snapshotConfiguration();
        assertThat(StreamTrackerStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(other)
                .isIncompatible()).isTrue();
    }

    @Test
    void corruptInput_failsWithIOException() throws IOException {
        byte[] bytes = write(StreamTrackerStateSerializer.INSTANCE, sample());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> StreamTrackerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(truncated)))
                .isInstanceOf(IOException.class);
    }
}
