package io.maskstream.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskstream.state.geometry.InvalidRleException;
import io.maskstream.state.geometry.Rle;

/** COCO RLE in its JSON forms: {@code {"size": [h, w], "counts": "compressed" | [uncompressed ints]}}. */
final class JsonRle {

    private JsonRle() {}

    static Rle parse(JsonNode node, String where) {
        JsonNode size = node.get("size");
        JsonNode counts = node.get("counts");
        if (size == null || !size.isArray() || size.size() != 2 || counts == null) {
            throw new EvaluationException(where + ": a mask must be {\"size\": [h, w], \"counts\": ...}"
                    + (node.isArray() ? " (polygons are not supported)" : ""));
        }
        int h = size.get(0).asInt(), w = size.get(1).asInt();
        try {
            if (counts.isTextual()) {
                return Rle.fromCompressedString(h, w, counts.asText());
            }
            if (counts.isArray()) {
                int[] c = new int[counts.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = counts.get(i).asInt();
                }
                return Rle.ofCounts(h, w, c);
            }
        } catch (InvalidRleException e) {
            throw new EvaluationException(where + ": bad RLE: " + e.getMessage(), e);
        }
        throw new EvaluationException(where + ": RLE counts must be a string or a list of integers");
    }
}
