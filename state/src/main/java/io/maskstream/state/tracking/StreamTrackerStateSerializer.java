package io.maskstream.state.tracking;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link StreamTrackerState} in the compact format of {@link TrackingStateCodec}. */
public final class StreamTrackerStateSerializer extends VersionedStateSerializer<StreamTrackerState> {
    private static final long serialVersionUID = 1L;

    public static final StreamTrackerStateSerializer INSTANCE = new StreamTrackerStateSerializer(TrackingStateCodec.FORMAT_VERSION);

    private StreamTrackerStateSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    protected void write(StreamTrackerState value, DataOutputView out) throws IOException {
        TrackingStateCodec.writeState(out, value);
    }

    @Override
    protected StreamTrackerState read(DataInputView in, int version) throws IOException {
        return TrackingStateCodec.readState(in, version);
    }

    @Override
    protected VersionedStateSerializer<StreamTrackerState> forVersion(int version) {
        return version == TrackingStateCodec.FORMAT_VERSION ? INSTANCE : new StreamTrackerStateSerializer(version);
    }

    @Override
    public StreamTrackerState createInstance() {
        return StreamTrackerState.initial();
    }

    @Override
    public TypeSerializerSnapshot<StreamTrackerState> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return forVersion(readVersion);
    }

    /** Versioned snapshot of {@link StreamTrackerStateSerializer}. */
    public static final class Snapshot extends VersionedStateSerializer.Snapshot<StreamTrackerState> {
        public Snapshot() {}

        @Override
        protected VersionedStateSerializer<StreamTrackerState> currentSerializer() {
            return INSTANCE;
        }
    }
}
