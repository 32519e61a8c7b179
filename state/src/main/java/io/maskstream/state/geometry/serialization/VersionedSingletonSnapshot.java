package io.maskstream.state.geometry.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a stateless serializer whose binary format has a version. The snapshot stores the
 * format version it was written with, so that a later serializer can tell whether state written by
 * an earlier one is readable as is, needs migration, or is incompatible.
 */
public abstract class VersionedSingletonSnapshot<T> implements TypeSerializerSnapshot<T> {
    /** Version of this snapshot's own layout (one int: the format version). */
    private static final int SNAPSHOT_VERSION = 1;

    private final TypeSerializer<T> serializer;
    private final int currentFormatVersion;
    private int formatVersion;

    protected VersionedSingletonSnapshot(TypeSerializer<T> serializer, int currentFormatVersion) {
        this.serializer = serializer;
        this.currentFormatVersion = currentFormatVersion;
        this.formatVersion = currentFormatVersion;
    }

    /** The binary format version the snapshotted serializer wrote. */
    int formatVersion() {
        return formatVersion;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(formatVersion);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException(getClass().getName() + ": unknown snapshot version " + readVersion);
        }
        formatVersion = in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        if (formatVersion != currentFormatVersion) {
            throw new IllegalStateException(serializer.getClass().getSimpleName() + " cannot read format version "
                    + formatVersion + " (it reads " + currentFormatVersion + ")");
        }
        return serializer;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int old = ((VersionedSingletonSnapshot<T>) oldSnapshot).formatVersion;
        return old == currentFormatVersion
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
