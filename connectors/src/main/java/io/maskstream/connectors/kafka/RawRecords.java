package io.maskstream.connectors.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
