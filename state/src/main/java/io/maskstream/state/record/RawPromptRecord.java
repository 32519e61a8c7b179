package io.maskstream.state.record;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.RecordRejectedException;
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
        RawRecords.checkKey(key, p.streamId());
        return p;
    }

    /** The dead letter for this record; streamId is taken from the key when it is UTF-8 text. */
    public DeadLetter deadLetter(RecordRejectedException rejection) {
        return RawRecords.deadLetter(rejection, key, value, topic, partition, offset, timestamp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPromptRecord r
                && RawRecords.sameContent(key, value, topic, partition, offset, timestamp,
                        r.key, r.value, r.topic, r.partition, r.offset, r.timestamp);
    }

    @Override
    public int hashCode() {
        return RawRecords.hash(key, value, topic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return RawRecords.describe("RawPromptRecord", value, topic, partition, offset);
    }
}
