package io.maskstream.state.tracking;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link MaskletState} in the compact format of {@link TrackingStateCodec}. */
public final class MaskletStateSerializer extends VersionedStateSerializer<MaskletState> {
    private static final long serialVersionUID = 1L;

    public static final MaskletStateSerializer INSTANCE = new MaskletStateSerializer(TrackingStateCodec.FORMAT_VERSION);

    private MaskletStateSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    protected void write(MaskletState value, DataOutputView out) throws IOException {
        TrackingStateCodec.writeMasklet(out, value);
    }

    @Override
    protected MaskletState read(DataInputView in, int version) throws IOException {
        return TrackingStateCodec.readMasklet(in, version);
    }

    @Override
    protected VersionedStateSerializer<MaskletState> forVersion(int version) {
        return version == TrackingStateCodec.FORMAT_VERSION ? INSTANCE : new MaskletStateSerializer(version);
    }

    @Override
    public MaskletState createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<MaskletState> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return forVersion(readVersion);
    }

    /** Versioned snapshot of {@link MaskletStateSerializer}. */
    public static final class Snapshot extends VersionedStateSerializer.Snapshot<MaskletState> {
        public Snapshot() {}

        @Override
        protected VersionedStateSerializer<MaskletState> currentSerializer() {
            return INSTANCE;
        }
    }
}
