package io.maskstream.state.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The JSON form of a {@link DeadLetter}, fields in this order:
 *
 * <pre>
 * {"reason":"bad-magic","detail":"magic 0x00000000","topic":"frames","partition":0,"offset":17,
 *  "time":1700000000000,"streamId":null,"key":"Y2FtLTE=","value":"AAAA..."}
 * </pre>
 *
 * {@code key} and {@code value} are the original bytes in standard base64 (RFC 4648, with padding),
 * or null when absent; {@code streamId} is null when unknown.
 */
public final class DeadLetterJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private DeadLetterJson() {}

    public static byte[] toJson(DeadLetter d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (d.value() == null ? 0 : d.value().length * 4 / 3));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("reason", d.reason());
            g.writeStringField("detail", d.detail());
            g.writeStringField("topic", d.topic());
            g.writeNumberField("partition", d.partition());
            g.writeNumberField("offset", d.offset());
            g.writeNumberField("time", d.time());
            g.writeStringField("streamId", d.streamId());
            writeBytes(g, "key", d.key());
            writeBytes(g, "value", d.value());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException naming the field, if the JSON is not a dead letter */
    public static DeadLetter fromJson(byte[] json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("dead letter is not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("dead letter: expected a JSON object");
        }
        long partition = number(n, "partition");
        if (partition != (int) partition) {
            throw new IllegalArgumentException("dead letter: field 'partition' is out of range");
        }
        return new DeadLetter(
                text(n, "reason", true),
                text(n, "detail", true),
                text(n, "topic", true),
                (int) partition,
                number(n, "offset"),
                number(n, "time"),
                text(n, "streamId", false),
                bytes(n, "key"),
                bytes(n, "value"));
    }

    private static void writeBytes(JsonGenerator g, String field, byte[] b) throws IOException {
        if (b == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, Base64.getEncoder().encodeToString(b));
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("dead letter: field '" + field + "' is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("dead letter: field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("dead letter: field '" + field + "' must be an integer");
        }
        return v.longValue();
    }

    private static byte[] bytes(JsonNode n, String field) {
        String s = text(n, field, false);
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dead letter: field '" + field + "' is not base64", e);
        }
    }
}
