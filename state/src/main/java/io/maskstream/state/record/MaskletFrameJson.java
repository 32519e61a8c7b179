package io.maskstream.state.record;

import io.maskstream.state.tracking.MaskletEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link MaskletFrame}, byte for byte deterministic:
 *
 * <pre>
 * {"streamId":"cam-1","seq":42,"captureTime":1700000000000,"emitTime":1700000000600,"width":320,"height":240,
 *  "objects":[{"id":1,"concept":"person","score":0.9312,"box":[10.5,20,40,80],
 *              "mask":{"size":[240,320],"counts":"..."},"events":["started"]}]}
 * </pre>
 *
 * Fields are always written in this order, without whitespace. {@code score} is rounded to
 * {@value #SCORE_DECIMALS} decimals and {@code box} values to {@value #BOX_DECIMALS}, printed
 * without trailing zeros or exponent (12.0 → {@code 12}); objects and events keep the order of
 * the record (the tracker orders objects by id). Strings are UTF-8, escaped only where JSON requires.
 */
public final class MaskletFrameJson {
    public static final int SCORE_DECIMALS = 4;
    public static final int BOX_DECIMALS = 2;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MaskletFrameJson() {}

    public static byte[] toJson(MaskletFrame f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * f.objects().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("streamId", f.streamId());
            g.writeNumberField("seq", f.seq());
            g.writeNumberField("captureTime", f.captureTime());
            g.writeNumberField("emitTime", f.emitTime());
            g.writeNumberField("width", f.width());
            g.writeNumberField("height", f.height());
            g.writeArrayFieldStart("objects");
            for (MaskletObject o : f.objects()) {
                g.writeStartObject();
                g.writeNumberField("id", o.id());
                g.writeStringField("concept", o.concept());
                g.writeFieldName("score");
                g.writeNumber(JsonNumbers.fixed(o.score(), SCORE_DECIMALS));
                g.writeArrayFieldStart("box");
                for (float v : o.box()) {
                    g.writeNumber(JsonNumbers.fixed(v, BOX_DECIMALS));
                }
                g.writeEndArray();
                g.writeObjectFieldStart("mask");
                g.writeArrayFieldStart("size");
                g.writeNumber(o.mask().height());
                g.writeNumber(o.mask().width());
                g.writeEndArray();
                g.writeStringField("counts", o.mask().counts());
                g.writeEndObject();
                g.writeArrayFieldStart("events");
                for (MaskletEvent e : o.events()) {
                    g.writeString(e.label());
                }
                g.writeEndArray();
                if (o.maskSource() != null) {
                    g.writeStringField("maskSource", o.maskSource());
                }
                if (!o.instructions().isEmpty()) {
                    g.writeArrayFieldStart("instructions");
                    for (String name : o.instructions()) {
                        g.writeString(name);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Parses a masklet frame (for consumers of the masklets topic: evaluation, tests, tools).
     *
     * @throws IllegalArgumentException naming the field, if the JSON is not a masklet frame
     */
    public static MaskletFrame fromJson(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("masklet frame is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("masklet frame: expected a JSON object");
        }
        JsonNode objects = field(root, "objects");
        if (!objects.isArray()) {
            throw new IllegalArgumentException("masklet frame: field 'objects' must be an array");
        }
        List<MaskletObject> list = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            list.add(object(objects.get(i), "objects[" + i + "]"));
        }
        return new MaskletFrame(
                text(root, "streamId"),
                integral(root, "seq"),
                integral(root, "captureTime"),
                integral(root, "emitTime"),
                intField(root, "width"),
                intField(root, "height"),
                list);
    }

    private static MaskletObject object(JsonNode o, String path) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("masklet frame: '" + path + "' must be an object");
        }
        JsonNode box = field(o, "box");
        if (!box.isArray() || box.size() != 4) {
            throw new IllegalArgumentException("masklet frame: '" + path + ".box' must be [x, y, w, h]");
        }
        float[] b = new float[4];
        for (int i = 0; i < 4; i++) {
            b[i] = decimal(box.get(i), path + ".box[" + i + "]");
        }
        JsonNode mask = field(o, "mask");
        JsonNode size = field(mask, "size");
        if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()) {
            throw new IllegalArgumentException("masklet frame: '" + path + ".mask.size' must be [h, w]");
        }
        RleMask rle = new RleMask(size.get(0).intValue(), size.get(1).intValue(), text(mask, "counts"));
        JsonNode events = field(o, "events");
        if (!events.isArray()) {
            throw new IllegalArgumentException("masklet frame: '" + path + ".events' must be an array");
        }
        List<MaskletEvent> ev = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            ev.add(MaskletEvent.ofLabel(e.asText()));
        }
        JsonNode maskSource = o.get("maskSource");
        List<String> instructions = new ArrayList<>();
        JsonNode names = o.get("instructions");
        if (names != null && !names.isNull()) {
            if (!names.isArray()) {
                throw new IllegalArgumentException("masklet frame: '" + path + ".instructions' must be an array");
            }
            for (JsonNode n : names) {
                instructions.add(n.asText());
            }
        }
        return new MaskletObject(intField(o, "id"), text(o, "concept"), decimal(field(o, "score"), path + ".score"), b,
                rle, ev, maskSource == null || maskSource.isNull() ? null : maskSource.asText(), instructions);
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("masklet frame: field '" + name + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("masklet frame: field '" + name + "' must be a string");
        }
        return v.textValue();
    }

    private static long integral(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("masklet frame: field '" + name + "' must be an integer");
        }
        return v.longValue();
    }

    private static int intField(JsonNode n, String name) {
        long v = integral(n, name);
        if (v != (int) v) {
            throw new IllegalArgumentException("masklet frame: field '" + name + "' is out of range");
        }
        return (int) v;
    }

    /** Parsed from the decimal text so that the float is the correctly rounded value of what was printed. */
    private static float decimal(JsonNode v, String path) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("masklet frame: '" + path + "' must be a number");
        }
        return Float.parseFloat(v.isBigDecimal() ? v.decimalValue().toString() : v.asText());
    }
}
