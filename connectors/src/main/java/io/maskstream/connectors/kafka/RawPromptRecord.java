package io.maskstream.connectors.kafka;

import io.maskstream.connectors.record.DeadLetter;
import io.maskstream.connectors.record.PromptCommand;
import io.maskstream.connectors.record.PromptCommandJson;
import io.maskstream.connectors.record.RecordRejectedException;
import io.maskstream.connectors.record.RejectReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record of the prompts topic exactly as Kafka delivered it, not yet decoded, with its origin.
 *
 * @param key the key bytes (the streamId in UTF-8), or null
 * @param value the value bytes (a {@link PromptCommandJson} record), or null
 * @param timestamp the Kafka record timestamp, epoch ms
 */
public record RawPromptRecord(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {

    public RawPromptRecord {
        Objects.requireNonNull(topic, "topic");
    }

    /**
     * Decodes the value and checks that the key, when present, is the prompt's streamId.
     *
     * @throws RecordRejectedException {@link RejectReason#BAD_PROMPT} or {@link RejectReason#KEY_MISMATCH}
     */
    public PromptCommand decode() throws RecordRejectedException {
        PromptCommand p = PromptCommandJson.decode(value);
        String keyId = RawRecords.keyText(key);
        if (keyId != null && !keyId.equals(p.streamId())) {
            throw new RecordRejectedException(
                    RejectReason.KEY_MISMATCH,
                    "key '" + RawRecords.shorten(keyId) + "' but streamId '" + p.streamId() + "'");
        }
        return p;
    }

    /** The dead letter for this record; streamId is taken from the key when it is UTF-8 text. */
    public DeadLetter deadLetter(RecordRejectedException rejection) {
        return DeadLetter.of(
                rejection, topic, partition, offset, timestamp, RawRecords.keyText(key), key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPromptRecord r
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
        return "RawPromptRecord[" + topic + "-" + partition + "@" + offset + ", "
                + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
