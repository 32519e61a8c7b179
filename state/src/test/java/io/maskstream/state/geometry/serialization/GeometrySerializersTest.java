package io.maskstream.state.geometry.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class GeometrySerializersTest {

    static Mask disc(int height, int width, int cx, int cy, int radius) {
        Mask.Builder b = Mask.builder(height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int dx = x - cx, dy = y - cy;
                if (dx * dx + dy * dy <= radius * radius) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    static Mask noise(int height, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Mask.Builder b = Mask.builder(height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (r.nextInt(3) == 0) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    static List<Mask> masks() {
        return List.of(
                Mask.empty(0, 0),
                Mask.empty(240, 320),
                Mask.rectangle(240, 320, 0, 0, 320, 240),
                disc(240, 320, 160, 120, 40),
                disc(1080, 1920, 20, 1070, 300),
                noise(37, 53, 1));
    }

    @Test
    void masksRoundTrip() throws IOException {
        for (Mask m : masks()) {
            assertThat(roundTrip(MaskSerializer.INSTANCE, m)).isEqualTo(m);
        }
    }

    @Test
    void rlesRoundTrip() throws IOException {
        for (Mask m : masks()) {
            assertThat(roundTrip(RleSerializer.INSTANCE, m.toRle())).isEqualTo(m.toRle());
        }
    }

    @Test
    void boxesRoundTrip() throws IOException {
        for (Box b : List.of(new Box(0, 0, 0, 0), new Box(1.5f, -2f, 300.25f, 1e9f), new Box(Float.NaN, 0, 1, 1))) {
            assertThat(roundTrip(BoxSerializer.INSTANCE, b)).isEqualTo(b);
        }
        assertThat(BoxSerializer.INSTANCE.getLength()).isEqualTo(16);
    }

    @Test
    void detectionsRoundTrip() throws IOException {
        Detection d = new Detection(new Box(120, 80, 200, 160), 0.875f, disc(240, 320, 160, 120, 40), "red ball ü");
        assertThat(roundTrip(DetectionSerializer.INSTANCE, d)).isEqualTo(d);
    }

    @Test
    void aDiscMaskOf320x240IsSmall() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MaskSerializer.INSTANCE.serialize(disc(240, 320, 160, 120, 40), out);
        assertThat(out.length()).isLessThan(1024);
    }

    @Test
    void copyBetweenViewsGivesTheSameBytes() throws IOException {
        Detection d = new Detection(new Box(1, 2, 3, 4), 0.5f, noise(30, 40, 3), "thing");
        DataOutputSerializer first = new DataOutputSerializer(64);
        DetectionSerializer.INSTANCE.serialize(d, first);
        DataOutputSerializer second = new DataOutputSerializer(64);
        DetectionSerializer.INSTANCE.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void snapshotsWrittenAndReadBackRestoreAnEqualSerializer() throws IOException {
        for (TypeSerializer<?> s : List.of(MaskSerializer.INSTANCE, RleSerializer.INSTANCE, BoxSerializer.INSTANCE,
                DetectionSerializer.INSTANCE)) {
            assertSnapshotRestores(s);
        }
    }

    @Test
    void serializersSurviveJavaSerialization() throws Exception {
        // Flink ships serializers inside job graphs; a singleton must come back as itself.
        byte[] bytes = InstantiationUtil.serializeObject(MaskSerializer.INSTANCE);
        Object back = InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());
        assertThat(back).isSameAs(MaskSerializer.INSTANCE);
    }

    @Test
    void corruptMaskBytesFailWithAnIOException() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(() -> {
            out.write(new byte[] {10, 10, 2, 50, 51}); // 10x10, counts 50 + 51 = 101 pixels
            MaskSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        }).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void typeInformationUsesTheSerializers() {
        assertThat(GeometryTypes.MASK.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isSameAs(MaskSerializer.INSTANCE);
        assertThat(GeometryTypes.DETECTION.getTypeClass()).isEqualTo(Detection.class);
    }

    private static <T> void assertSnapshotRestores(TypeSerializer<T> serializer) throws IOException {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), GeometrySerializersTest.class.getClassLoader());
        assertThat(read).isInstanceOf(snapshot.getClass());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertThat(in.available()).as("all bytes consumed").isZero();
        return back;
    }
}
