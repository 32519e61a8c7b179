package io.maskstream.state.tracking;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the tracking state serializers: immutable values, a format version that the snapshot
 * records, and reading of older formats (a snapshot from an older format version resolves as
 * "compatible after migration": Flink reads with the restored old-format serializer and writes with
 * the current one).
 */
public abstract class VersionedStateSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The format this instance reads; it always writes {@link TrackingStateCodec#FORMAT_VERSION}. */
    protected final int readVersion;

    protected VersionedStateSerializer(int readVersion) {
        this.readVersion = readVersion;
    }

    protected abstract void write(T value, DataOutputView out) throws IOException;

    protected abstract T read(DataInputView in, int version) throws IOException;

    /** A serializer of this type that reads format {@code version}. */
    protected abstract VersionedStateSerializer<T> forVersion(int version);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        Objects.requireNonNull(record, "record");
        write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return read(source, readVersion);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass() && ((VersionedStateSerializer<?>) obj).readVersion == readVersion;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + readVersion;
    }

    /**
     * Snapshot of a tracking state serializer: its class and the format version. Subclasses only
     * supply the serializer (they need a public no-argument constructor, as Flink instantiates
     * snapshots by class name).
     */
    public abstract static class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private int formatVersion = TrackingStateCodec.FORMAT_VERSION;

        protected abstract VersionedStateSerializer<T> currentSerializer();

        @Override
        public int getCurrentVersion() {
            return TrackingStateCodec.FORMAT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(TrackingStateCodec.FORMAT_VERSION);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            int v = in.readInt();
            if (v < 1 || v > TrackingStateCodec.FORMAT_VERSION) {
                throw new IOException("unsupported tracking state format version " + v + " in " + getClass().getName());
            }
            formatVersion = v;
        }

        public int formatVersion() {
            return formatVersion;
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return currentSerializer().forVersion(formatVersion);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            if (oldSnapshot == null || oldSnapshot.getClass() != getClass()) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            int old = ((Snapshot<T>) oldSnapshot).formatVersion;
            if (old == TrackingStateCodec.FORMAT_VERSION) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old < TrackingStateCodec.FORMAT_VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
