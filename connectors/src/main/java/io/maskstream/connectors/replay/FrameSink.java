package io.maskstream.connectors.replay;

import io.maskstream.state.record.FrameRecord;

/** Where a replayer sends its records: Kafka ({@link KafkaFrameSink}), or a list in tests. */
public interface FrameSink {
    void send(FrameRecord record);

    /** Blocks until every record sent so far is acknowledged; throws if any failed. */
    void flush();

    /** Records acknowledged so far. */
    long acked();
}
