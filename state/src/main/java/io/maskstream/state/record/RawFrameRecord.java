package io.maskstream.state.record;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.RecordRejectedException;
import java.util.Objects;

/**
 * A record of the frames topic exactly as Kafka delivered it, not yet decoded, with its origin, so
 * that a record that does not decode can go to the dead-letter topic with where it came from.
 *
 * @param key the key bytes (the streamId in UTF-8), or null
 * @param value the value bytes (a {@link FrameRecordCodec} record), or null for a tombstone
 * @param timestamp the Kafka record timestamp, epoch ms
 */
public record RawFrameRecord(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {

    public RawFrameRecord {
        Objects.requireNonNull(topic, "topic");
    }

    /**
     * Decodes the value and checks that the key, when present, is the record's streamId.
     *
     * @throws RecordRejectedException with the codec's reason, or {@link RejectReason#KEY_MISMATCH}
     */
    public FrameRecord decode(FrameRecordCodec codec) throws RecordRejectedException {
        FrameRecord r = codec.decode(value);
        RawRecords.checkKey(key, r.streamId());
        return r;
    }

    /** The dead letter for this record; streamId is taken from the key when it is UTF-8 text. */
    public DeadLetter deadLetter(RecordRejectedException rejection) {
        return RawRecords.deadLetter(rejection, key, value, topic, partition, offset, timestamp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrameRecord r
                && RawRecords.sameContent(key, value, topic, partition, offset, timestamp,
                        r.key, r.value, r.topic, r.partition, r.offset, r.timestamp);
    }

    @Override
    public int hashCode() {
        return RawRecords.hash(key, value, topic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return RawRecords.describe("RawFrameRecord", value, topic, partition, offset);
    }
}
