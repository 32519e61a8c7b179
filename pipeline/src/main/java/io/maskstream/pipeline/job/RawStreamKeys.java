package io.maskstream.pipeline.job;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import java.nio.charset.StandardCharsets;

/**
 * Stream ids from Kafka keys. Records are keyed by the raw key, before their value is decoded, so
 * that a record whose value is bad still reaches its stream's operator and dead-letters from there
 * with its origin. A missing key maps to "" and is rejected by the operator.
 */
final class RawStreamKeys {
    private RawStreamKeys() {}

    static String frameKey(RawFrameRecord r) {
        return text(r.key());
    }

    static String promptKey(RawPromptRecord r) {
        return text(r.key());
    }

    private static String text(byte[] key) {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }
}
