package io.maskstream.state.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.state.geometry.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link PromptCommand} (see {@code docs/records.md}):
 *
 * <pre>
 * {"streamId":"cam-1","action":"add-box","seq":120,"box":[10,20,110,220],"concept":"person"}
 * </pre>
 *
 * The decoder is strict and bounded: a record larger than {@link #MAX_PROMPT_BYTES}, JSON that
 * does not parse, an unknown action or field, an argument that is missing, ill-typed, or that does
 * not belong to the action are all rejected with {@link RejectReason#BAD_PROMPT} and a message
 * naming the field.
 */
public final class PromptCommandJson {
    /** Largest prompt record accepted. */
    public static final int MAX_PROMPT_BYTES = 64 * 1024;
    /** Most concepts in a {@code set-concepts}. */
    public static final int MAX_CONCEPTS = 64;
    /** Most clicks in an {@code add-points}. */
    public static final int MAX_POINTS = 64;
    /** Longest streamId or concept, in characters. */
    public static final int MAX_TEXT_CHARS = 256;

    private static final Set<String> COMMON_FIELDS = Set.of("streamId", "action", "seq");
    private static final Map<PromptAction, Set<String>> ARGUMENTS = Map.of(
            PromptAction.SET_CONCEPTS, Set.of("concepts"),
            PromptAction.ADD_CONCEPT, Set.of("concept"),
            PromptAction.REMOVE_CONCEPT, Set.of("concept"),
            PromptAction.ADD_BOX, Set.of("box", "concept", "objectId"),
            PromptAction.ADD_POINTS, Set.of("points", "labels", "objectId"),
            PromptAction.REMOVE_OBJECT, Set.of("objectId"),
            PromptAction.ADD_INSTRUCTION, Set.of("instruction", "name"),
            PromptAction.REMOVE_INSTRUCTION, Set.of("name"),
            PromptAction.ADD_EXEMPLAR, Set.of("box", "label", "concept"),
            PromptAction.CLEAR_EXEMPLARS, Set.of("concept"));

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(MAX_PROMPT_BYTES)
                    .maxNumberLength(64)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PromptCommandJson() {}

    /** Decodes one prompt record; every failure is a {@link RejectReason#BAD_PROMPT}. */
    public static PromptCommand decode(byte[] bytes) throws RecordRejectedException {
        if (bytes == null || bytes.length == 0) {
            throw bad("record is empty");
        }
        if (bytes.length > MAX_PROMPT_BYTES) {
            throw bad("record has " + bytes.length + " bytes, limit " + MAX_PROMPT_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw bad("not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw bad("expected a JSON object");
        }
        String streamId = text(root, "streamId", true);
        String actionLabel = text(root, "action", true);
        PromptAction action = PromptAction.ofLabel(actionLabel);
        if (action == null) {
            throw bad("field 'action': unknown action '" + actionLabel + "'");
        }
        Set<String> arguments = ARGUMENTS.get(action);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON_FIELDS.contains(field) && !arguments.contains(field)) {
                throw bad("field '" + field + "' does not belong to " + action.label());
            }
        }
        Long seq = root.has("seq") ? nonNegativeLong(root.get("seq"), "seq") : null;
        try {
            return switch (action) {
                case SET_CONCEPTS -> PromptCommand.setConcepts(streamId, concepts(root), seq);
                case ADD_CONCEPT -> PromptCommand.addConcept(streamId, text(root, "concept", true), seq);
                case REMOVE_CONCEPT -> PromptCommand.removeConcept(streamId, text(root, "concept", true), seq);
                case ADD_BOX -> PromptCommand.addBox(
                        streamId, box(root), text(root, "concept", false), objectId(root, false), seq);
                case ADD_POINTS -> PromptCommand.addPoints(streamId, points(root), objectId(root, false), seq);
                case REMOVE_OBJECT -> PromptCommand.removeObject(streamId, objectId(root, true), seq);
                case ADD_INSTRUCTION -> PromptCommand.addInstruction(
                        streamId, text(root, "instruction", true), text(root, "name", false), seq);
                case REMOVE_INSTRUCTION -> PromptCommand.removeInstruction(streamId, text(root, "name", true), seq);
                case ADD_EXEMPLAR -> PromptCommand.addExemplar(
                        streamId, exemplarBox(root), label(root.get("label"), "label"), text(root, "concept", false), seq);
                case CLEAR_EXEMPLARS -> PromptCommand.clearExemplars(streamId, text(root, "concept", false), seq);
            };
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    /** The canonical JSON of a prompt: fields in the documented order, absent arguments left out. */
    public static byte[] encode(PromptCommand p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("streamId", p.streamId());
            g.writeStringField("action", p.action().label());
            if (p.seq() != null) {
                g.writeNumberField("seq", p.seq());
            }
            Set<String> arguments = ARGUMENTS.get(p.action());
            if (arguments.contains("concepts")) {
                g.writeArrayFieldStart("concepts");
                for (String c : p.concepts()) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            if (arguments.contains("concept") && p.concept() != null) {
                g.writeStringField("concept", p.concept());
            }
            if (p.action() == PromptAction.ADD_EXEMPLAR) {
                // an exemplar's box is [x, y, w, h], the form of the masklets' boxes it is often copied from
                Box b = p.box();
                g.writeArrayFieldStart("box");
                g.writeNumber(b.x1());
                g.writeNumber(b.y1());
                g.writeNumber(b.x2() - b.x1());
                g.writeNumber(b.y2() - b.y1());
                g.writeEndArray();
                g.writeStringField("label", p.positive() ? "positive" : "negative");
            } else if (arguments.contains("box")) {
                Box b = p.box();
                g.writeArrayFieldStart("box");
                g.writeNumber(b.x1());
                g.writeNumber(b.y1());
                g.writeNumber(b.x2());
                g.writeNumber(b.y2());
                g.writeEndArray();
            }
            if (arguments.contains("points")) {
                g.writeArrayFieldStart("points");
                for (PromptPoint pt : p.points()) {
                    g.writeStartArray();
                    g.writeNumber(pt.x());
                    g.writeNumber(pt.y());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("labels");
                for (PromptPoint pt : p.points()) {
                    g.writeString(pt.label());
                }
                g.writeEndArray();
            }
            if (arguments.contains("objectId") && p.objectId() != null) {
                g.writeNumberField("objectId", p.objectId());
            }
            if (arguments.contains("instruction")) {
                g.writeStringField("instruction", p.instruction());
            }
            if (arguments.contains("name") && p.name() != null) {
                g.writeStringField("name", p.name());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> concepts(JsonNode root) throws RecordRejectedException {
        JsonNode n = root.get("concepts");
        if (n == null) {
            throw bad("field 'concepts' is missing");
        }
        if (!n.isArray()) {
            throw bad("field 'concepts': expected an array of strings");
        }
        if (n.size() > MAX_CONCEPTS) {
            throw bad("field 'concepts': " + n.size() + " concepts, limit " + MAX_CONCEPTS);
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            String c = checkedText(n.get(i), "concepts[" + i + "]");
            if (out.contains(c)) {
                throw bad("field 'concepts[" + i + "]': duplicate concept '" + c + "'");
            }
            out.add(c);
        }
        return out;
    }

    private static Box box(JsonNode root) throws RecordRejectedException {
        JsonNode n = root.get("box");
        if (n == null) {
            throw bad("field 'box' is missing");
        }
        if (!n.isArray() || n.size() != 4) {
            throw bad("field 'box': expected [x1, y1, x2, y2]");
        }
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            v[i] = finiteFloat(n.get(i), "box[" + i + "]");
        }
        if (!(v[2] > v[0] && v[3] > v[1])) {
            throw bad("field 'box': x2 > x1 and y2 > y1 required, got " + n);
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    /** An exemplar's {@code box}: [x, y, w, h] with w, h > 0. */
    private static Box exemplarBox(JsonNode root) throws RecordRejectedException {
        JsonNode n = root.get("box");
        if (n == null) {
            throw bad("field 'box' is missing");
        }
        if (!n.isArray() || n.size() != 4) {
            throw bad("field 'box': expected [x, y, w, h]");
        }
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            v[i] = finiteFloat(n.get(i), "box[" + i + "]");
        }
        if (!(v[2] > 0 && v[3] > 0)) {
            throw bad("field 'box': w > 0 and h > 0 required, got " + n);
        }
        return Box.fromXywh(v[0], v[1], v[2], v[3]);
    }

    /** "positive" or "negative". */
    private static boolean label(JsonNode l, String field) throws RecordRejectedException {
        String label = l != null && l.isTextual() ? l.textValue() : null;
        if ("positive".equals(label)) {
            return true;
        }
        if ("negative".equals(label)) {
            return false;
        }
        throw bad("field '" + field + "': expected \"positive\" or \"negative\", got " + (l == null ? "nothing" : l));
    }

    private static List<PromptPoint> points(JsonNode root) throws RecordRejectedException {
        JsonNode n = root.get("points");
        JsonNode labels = root.get("labels");
        if (n == null) {
            throw bad("field 'points' is missing");
        }
        if (!n.isArray() || n.isEmpty()) {
            throw bad("field 'points': expected a non-empty array of [x, y]");
        }
        if (n.size() > MAX_POINTS) {
            throw bad("field 'points': " + n.size() + " points, limit " + MAX_POINTS);
        }
        if (labels == null) {
            throw bad("field 'labels' is missing");
        }
        if (!labels.isArray() || labels.size() != n.size()) {
            throw bad("field 'labels': expected one \"positive\" or \"negative\" per point");
        }
        List<PromptPoint> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            if (!p.isArray() || p.size() != 2) {
                throw bad("field 'points[" + i + "]': expected [x, y]");
            }
            float x = finiteFloat(p.get(0), "points[" + i + "][0]");
            float y = finiteFloat(p.get(1), "points[" + i + "][1]");
            out.add(new PromptPoint(x, y, label(labels.get(i), "labels[" + i + "]")));
        }
        return out;
    }

    private static Integer objectId(JsonNode root, boolean required) throws RecordRejectedException {
        JsonNode n = root.get("objectId");
        if (n == null || n.isNull()) {
            if (required) {
                throw bad("field 'objectId' is missing");
            }
            return null;
        }
        long id = nonNegativeLong(n, "objectId");
        if (id > Integer.MAX_VALUE) {
            throw bad("field 'objectId': out of range: " + id);
        }
        return (int) id;
    }

    private static String text(JsonNode root, String field, boolean required) throws RecordRejectedException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw bad("field '" + field + "' is missing");
            }
            return null;
        }
        return checkedText(n, field);
    }

    private static String checkedText(JsonNode n, String field) throws RecordRejectedException {
        if (!n.isTextual()) {
            throw bad("field '" + field + "': expected a string, got " + n.getNodeType().name().toLowerCase());
        }
        String s = n.textValue();
        if (s.isBlank()) {
            throw bad("field '" + field + "' is blank");
        }
        if (s.length() > MAX_TEXT_CHARS) {
            throw bad("field '" + field + "': " + s.length() + " characters, limit " + MAX_TEXT_CHARS);
        }
        return s;
    }

    private static long nonNegativeLong(JsonNode n, String field) throws RecordRejectedException {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad("field '" + field + "': expected a non-negative integer, got " + shorten(n.toString()));
        }
        long v = n.longValue();
        if (v < 0) {
            throw bad("field '" + field + "': must not be negative, got " + v);
        }
        return v;
    }

    private static float finiteFloat(JsonNode n, String field) throws RecordRejectedException {
        if (!n.isNumber()) {
            throw bad("field '" + field + "': expected a number, got " + shorten(n.toString()));
        }
        float v = n.floatValue();
        if (!Float.isFinite(v)) {
            throw bad("field '" + field + "': not a finite float: " + shorten(n.toString()));
        }
        return v;
    }

    private static RecordRejectedException bad(String detail) {
        return new RecordRejectedException(RejectReason.BAD_PROMPT, detail);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return shorten(nl < 0 ? s : s.substring(0, nl));
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
