package io.maskstream.state.record;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.record.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Helpers shared by the raw record types. */
final class RawRecords {
    private static final int MAX_KEY_BYTES = 1024;

    private RawRecords() {}

    /** The key as UTF-8 text, or null when there is no key, it is too long or not valid UTF-8, or blank. */
    static String keyText(byte[] key) {
        if (key == null || key.length == 0 || key.length > MAX_KEY_BYTES) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
            return s.isBlank() ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Rejects a decoded streamId that differs from the record's key (when it has one). */
    static void checkKey(byte[] key, String streamId) throws RecordRejectedException {
        String keyId = keyText(key);
        if (keyId != null && !keyId.equals(streamId)) {
            throw new RecordRejectedException(
                    RejectReason.KEY_MISMATCH, "key '" + shorten(keyId) + "' but streamId '" + streamId + "'");
        }
    }

    /** The dead letter of a raw record; streamId is taken from the key when it is UTF-8 text. */
    static DeadLetter deadLetter(RecordRejectedException rejection, byte[] key, byte[] value, String topic,
            int partition, long offset, long timestamp) {
        return DeadLetter.of(rejection, topic, partition, offset, timestamp, keyText(key), key, value);
    }

    /** Equality of the raw records' contents (arrays by value). */
    static boolean sameContent(byte[] k1, byte[] v1, String t1, int p1, long o1, long ts1,
            byte[] k2, byte[] v2, String t2, int p2, long o2, long ts2) {
        return Arrays.equals(k1, k2) && Arrays.equals(v1, v2) && t1.equals(t2) && p1 == p2 && o1 == o2 && ts1 == ts2;
    }

    static int hash(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
        return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), topic, partition, offset, timestamp);
    }

    static String describe(String type, byte[] value, String topic, int partition, long offset) {
        return type + "[" + topic + "-" + partition + "@" + offset + ", "
                + (value == null ? "null" : value.length + " bytes") + "]";
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
