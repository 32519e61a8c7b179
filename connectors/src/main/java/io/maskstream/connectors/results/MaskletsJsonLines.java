package io.maskstream.connectors.results;

import io.maskstream.state.tracking.MaskletEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of {@link MaskletFrame}s, one JSON object per line, in the masklets topic's JSON shape:
 * {@code {"streamId","seq","captureTime","emitTime","width","height","objects":[{"id","concept",
 * "score","box":[x,y,w,h],"mask":{"size":[h,w],"counts":"..."},"events":["started",...]}]}}.
 *
 * <p>Uses Jackson's tree model; a stand-in until the shared masklet JSON codec is used here.
 */
public final class MaskletsJsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MaskletsJsonLines() {}

    public static List<MaskletFrame> read(Path file) throws IOException {
        List<MaskletFrame> frames = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    frames.add(parse(line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return frames;
    }

    public static void write(Path file, List<MaskletFrame> frames) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (MaskletFrame f : frames) {
                out.write(format(f));
                out.write('\n');
            }
        }
    }

    public static MaskletFrame parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        List<MaskletObject> objects = new ArrayList<>();
        for (JsonNode o : required(n, "objects")) {
            JsonNode box = required(o, "box");
            JsonNode mask = required(o, "mask");
            JsonNode size = required(mask, "size");
            List<MaskletEvent> events = new ArrayList<>();
            for (JsonNode e : o.path("events")) {
                events.add(MaskletEvent.ofLabel(e.asText()));
            }
            objects.add(new MaskletObject(
                    required(o, "id").asInt(),
                    required(o, "concept").asText(),
                    (float) o.path("score").asDouble(0),
                    new float[] {(float) box.get(0).asDouble(), (float) box.get(1).asDouble(),
                            (float) box.get(2).asDouble(), (float) box.get(3).asDouble()},
                    new RleMask(size.get(0).asInt(), size.get(1).asInt(), required(mask, "counts").asText()),
                    events, o.hasNonNull("maskSource") ? o.get("maskSource").asText() : null, instructions(o)));
        }
        return new MaskletFrame(
                required(n, "streamId").asText(),
                required(n, "seq").asLong(),
                n.path("captureTime").asLong(0),
                n.path("emitTime").asLong(0),
                required(n, "width").asInt(),
                required(n, "height").asInt(),
                objects);
    }

    public static String format(MaskletFrame f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("streamId", f.streamId());
        n.put("seq", f.seq());
        n.put("captureTime", f.captureTime());
        n.put("emitTime", f.emitTime());
        n.put("width", f.width());
        n.put("height", f.height());
        ArrayNode objects = n.putArray("objects");
        for (MaskletObject o : f.objects()) {
            ObjectNode on = objects.addObject();
            on.put("id", o.id());
            on.put("concept", o.concept());
            on.put("score", o.score());
            ArrayNode box = on.putArray("box");
            for (float v : o.box()) {
                box.add(v);
            }
            ObjectNode mask = on.putObject("mask");
            mask.putArray("size").add(o.mask().height()).add(o.mask().width());
            mask.put("counts", o.mask().counts());
            ArrayNode events = on.putArray("events");
            o.events().forEach(e -> events.add(e.label()));
            if (o.maskSource() != null) {
                on.put("maskSource", o.maskSource());
            }
            if (!o.instructions().isEmpty()) {
                ArrayNode instructions = on.putArray("instructions");
                o.instructions().forEach(instructions::add);
            }
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> instructions(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.path("instructions").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode required(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("missing field '" + field + "'");
        }
        return v;
    }
}
