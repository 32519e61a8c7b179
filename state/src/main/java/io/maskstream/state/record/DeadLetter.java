package io.maskstream.state.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record the job could not accept, as written to the dead-letter topic: the original key and
 * value bytes, why it was rejected, and where it came from.
 *
 * @param reason a {@link RejectReason#label()}, e.g. "bad-magic"
 * @param detail a human-readable explanation (the rejection's message)
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset
 * @param time the original record's Kafka timestamp (epoch ms), so that a replay writes the same dead letter
 * @param streamId the stream, when it is known (from the key or a decoded header), else null
 * @param key the original key bytes, or null
 * @param value the original value bytes, or null (a tombstone)
 */
public record DeadLetter(
        String reason,
        String detail,
        String topic,
        int partition,
        long offset,
        long time,
        String streamId,
        byte[] key,
        byte[] value) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(topic, "topic");
    }

    /** The dead letter of a rejected record. */
    public static DeadLetter of(
            RecordRejectedException rejection, String topic, int partition, long offset, long time, String streamId,
            byte[] key, byte[] value) {
        return new DeadLetter(
                rejection.reason().label(), rejection.detail(), topic, partition, offset, time, streamId, key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && d.reason.equals(reason)
                && d.detail.equals(detail)
                && d.topic.equals(topic)
                && d.partition == partition
                && d.offset == offset
                && d.time == time
                && Objects.equals(d.streamId, streamId)
                && Arrays.equals(d.key, key)
                && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                reason, detail, topic, partition, offset, time, streamId, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason + " " + topic + "-" + partition + "@" + offset + " stream=" + streamId + ": "
                + detail + "]";
    }
}
