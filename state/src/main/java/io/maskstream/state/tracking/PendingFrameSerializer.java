package io.maskstream.state.tracking;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link PendingFrame} in the compact format of {@link TrackingStateCodec}. */
public final class PendingFrameSerializer extends VersionedStateSerializer<PendingFrame> {
    private static final long serialVersionUID = 1L;

    public static final PendingFrameSerializer INSTANCE = new PendingFrameSerializer(TrackingStateCodec.FORMAT_VERSION);

    private PendingFrameSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    protected void write(PendingFrame value, DataOutputView out) throws IOException {
        TrackingStateCodec.writePendingFrame(out, value);
    }

    @Override
    protected PendingFrame read(DataInputView in, int version) throws IOException {
        return TrackingStateCodec.readPendingFrame(in, version);
    }

    @Override
    protected VersionedStateSerializer<PendingFrame> forVersion(int version) {
        return version == TrackingStateCodec.FORMAT_VERSION ? INSTANCE : new PendingFrameSerializer(version);
    }

    @Override
    public PendingFrame createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<PendingFrame> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return forVersion(readVersion);
    }

    /** Versioned snapshot of {@link PendingFrameSerializer}. */
    public static final class Snapshot extends VersionedStateSerializer.Snapshot<PendingFrame> {
        public Snapshot() {}

        @Override
        protected VersionedStateSerializer<PendingFrame> currentSerializer() {
            return INSTANCE;
        }
    }
}
