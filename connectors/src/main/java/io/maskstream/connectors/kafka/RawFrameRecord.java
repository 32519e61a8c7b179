package io.maskstream.connectors.kafka;

import io.maskstream.connectors.record.DeadLetter;
import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.FrameRecordCodec;
import io.maskstream.connectors.record.RecordRejectedException;
import io.maskstream.connectors.record.RejectReason;
import java.util.Arrays;
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
        String keyId = RawRecords.keyText(key);
        if (keyId != null && !keyId.equals(r.streamId())) {
            throw new RecordRejectedException(
                    RejectReason.KEY_MISMATCH,
                    "key '" + RawRecords.shorten(keyId) + "' but streamId '" + r.streamId() + "'");
        }
        return r;
    }

    /** The dead letter for this record; streamId is taken from the key when it is UTF-8 text. */
    public DeadLetter deadLetter(RecordRejectedException rejection) {
        return DeadLetter.of(
                rejection, topic, partition, offset, timestamp, RawRecords.keyText(key), key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrameRecord r
                && Arrays.equals(r.key, key)
                && Arrays.equals(r.value, value)
                && r.topic.equals(topic)
                && r.partition == partition
                && r.offset == offset
                && r.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), topic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return "RawFrameRecord[" + topic + "-" + partition + "@" + offset + ", "
                + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
