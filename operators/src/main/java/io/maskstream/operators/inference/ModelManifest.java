package io.maskstream.operators.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code model.json} of a model directory: which ONNX file plays which role, the input size and
 * pixel normalisation, the tensor names (with their ranks) and the memory sizes. {@link #parse} checks
 * the schema; {@link ModelBundle#open} then checks every tensor against its ONNX file.
 *
 * <p>Roles: {@code conceptEncoder} (tokenizer + text encoder), {@code detector} (vision encoder +
 * decoder), {@code tracker} (image encoder, image decoder, propagate decoder, memory attention,
 * memory encoder), {@code instructionEncoder} (tokenizer + text encoder of the same layout as the
 * concept encoder: an instruction, e.g. "the leftmost red car", into the text features the detector
 * consumes, as SAM3-I's instruction-aware adapters do). A directory may carry any subset. See
 * {@code docs/models/} for annotated examples.
 *
 * @param instructionEncoder null when the bundle has none: instructions are then resolved by the grammar
 */
public record ModelManifest(
        String name, ConceptEncoderSpec conceptEncoder, DetectorSpec detector, TrackerSpec tracker,
        ConceptEncoderSpec instructionEncoder) {

    public static final String FILE_NAME = "model.json";
    public static final String FORMAT = "maskstream-model/1";
    public static final List<String> ROLES = List.of("conceptEncoder", "detector", "tracker", "instructionEncoder");

    /** Without an instruction encoder. */
    public ModelManifest(String name, ConceptEncoderSpec conceptEncoder, DetectorSpec detector, TrackerSpec tracker) {
        this(name, conceptEncoder, detector, tracker, null);
    }

    /** A tensor a component reads or writes: its name in the ONNX file and its rank. */
    public record TensorSpec(String path, String name, int rank, String from) {}

    /** One ONNX file with the tensors the code uses, keyed by their meaning. */
    public record ComponentSpec(String path, String file, Map<String, TensorSpec> inputs,
                                Map<String, TensorSpec> outputs) {
        public TensorSpec input(String key) {
            return inputs.get(key);
        }

        public TensorSpec output(String key) {
            return outputs.get(key);
        }
    }

    /** Pre-processing: resize the frame to width × height, then (value/255 − mean) / std per channel. */
    public record ImageSpec(int width, int height, String resize, float[] mean, float[] std) {}

    /**
     * @param kind {@code vocabulary} (words looked up in {@code vocabulary}, with pad/bos/eos ids) or
     *     {@code huggingface} (a {@code tokenizer.json} in the model directory, padded with {@code padToken})
     * @param padToken the token that pads a {@code huggingface} prompt to the context; null = the default
     *     ({@code <|endoftext|>}, CLIP's end-of-text token, which SAM 3 exports pad with)
     */
    public record TokenizerSpec(String kind, int contextLength, boolean lowercase, Map<String, Integer> vocabulary,
                                int padId, int bosId, int eosId, String file, String padToken) {}

    public record ConceptEncoderSpec(TokenizerSpec tokenizer, ComponentSpec textEncoder) {}

    /**
     * @param instances {@code queries} (one instance per query slot, as SAM 3) or
     *     {@code connected-components} (one semantic slot split into 4-connected components on the Java side)
     * @param boxFormat {@code xyxy-normalised} or {@code cxcywh-normalised}
     * @param minInstanceArea components smaller than this (frame pixels) are dropped
     * @param paddingBoxLabel the label of the one "no box" entry fed to a decoder that takes geometry prompts
     *     (decoder inputs {@code boxes} [b, n, 4] and {@code boxLabels} [b, n]) when the prompt is text only
     *     (SAM 3 three-file export: -10)
     * @param batchAxis true when both graphs take several frames on a leading batch axis (vision encoder
     *     {@code image [B, 3, H, W]}, the decoder's frame features and its mask / score / presence outputs
     *     {@code [B, ...]}, one concept shared by every frame: prompt inputs and the other vision outputs
     *     batch 1), rows independent; false (SAM 3 exports) runs one frame per call
     */
    public record DetectorSpec(ImageSpec image, ComponentSpec visionEncoder, ComponentSpec decoder, String instances,
                               String boxFormat, int minInstanceArea, int paddingBoxLabel, boolean batchAxis) {
        /** Without a batch axis (the layout of SAM 3 exports). */
        public DetectorSpec(ImageSpec image, ComponentSpec visionEncoder, ComponentSpec decoder, String instances,
                            String boxFormat, int minInstanceArea, int paddingBoxLabel) {
            this(image, visionEncoder, decoder, instances, boxFormat, minInstanceArea, paddingBoxLabel, false);
        }
    }

    /**
     * @param temporalSlots memory slots of the temporal code (SAM 2: 7)
     * @param pointerTokensPerPointer memory-attention tokens per object pointer (SAM 2.1: 4; 0 when
     *     pointers carry no position rows)
     * @param maskEncoding how a binary mask is fed to the memory encoder: {@code binary} (0/1) or
     *     {@code logits} (±maskLogitMagnitude)
     */
    public record MemorySpec(int temporalSlots, int pointerTokensPerPointer, String maskEncoding,
                             float maskLogitMagnitude) {}

    /**
     * @param batchAxis true when memory attention and the propagate decoder take every masklet of a
     *     frame on a leading batch axis (memory {@code [B, S, C, H, W]} padded to S slots, with a
     *     {@code memoryValid [B, S]} input of 1/0 per slot; the frame's tensors are shared, batch 1);
     *     false (SAM 2.1 exports) propagates one masklet per call
     */
    public record TrackerSpec(ImageSpec image, MemorySpec memory, ComponentSpec imageEncoder,
                              ComponentSpec imageDecoder, ComponentSpec propagateDecoder,
                              ComponentSpec memoryAttention, ComponentSpec memoryEncoder, boolean batchAxis) {}

    /** Every component, in a fixed order. */
    public List<ComponentSpec> components() {
        List<ComponentSpec> all = new ArrayList<>();
        if (conceptEncoder != null) {
            all.add(conceptEncoder.textEncoder());
        }
        if (instructionEncoder != null) {
            all.add(instructionEncoder.textEncoder());
        }
        if (detector != null) {
            all.add(detector.visionEncoder());
            all.add(detector.decoder());
        }
        if (tracker != null) {
            all.addAll(List.of(tracker.imageEncoder(), tracker.imageDecoder(), tracker.propagateDecoder(),
                    tracker.memoryAttention(), tracker.memoryEncoder()));
        }
        return all;
    }

    // ------------------------------------------------------------------------------------- parsing

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelManifest read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ModelDirectoryException(FILE_NAME + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    public static ModelManifest parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelDirectoryException(FILE_NAME + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail("", "must be a JSON object");
        }
        allowOnly(root, "", Set.of("format", "name", "description", "roles"));
        String format = text(root, "", "format");
        if (!FORMAT.equals(format)) {
            throw fail("format", "unsupported format '" + format + "' (expected '" + FORMAT + "')");
        }
        String name = root.has("name") ? text(root, "", "name") : "unnamed";
        JsonNode roles = object(root, "", "roles");
        Iterator<String> it = roles.fieldNames();
        while (it.hasNext()) {
            String role = it.next();
            if (!ROLES.contains(role)) {
                throw fail("roles." + role, "unknown role (known: " + String.join(", ", ROLES) + ")");
            }
        }
        if (roles.size() == 0) {
            throw fail("roles", "no roles (known: " + String.join(", ", ROLES) + ")");
        }
        ConceptEncoderSpec concept = roles.has("conceptEncoder")
                ? textEncoder(roles.get("conceptEncoder"), "roles.conceptEncoder") : null;
        DetectorSpec detector = roles.has("detector") ? detector(roles.get("detector")) : null;
        TrackerSpec tracker = roles.has("tracker") ? tracker(roles.get("tracker")) : null;
        ConceptEncoderSpec instruction = roles.has("instructionEncoder")
                ? textEncoder(roles.get("instructionEncoder"), "roles.instructionEncoder") : null;
        if (instruction != null && detector == null) {
            throw fail("roles.instructionEncoder", "needs a detector to consume its features (roles.detector)");
        }
        return new ModelManifest(name, concept, detector, tracker, instruction);
    }

    /** A tokenizer and a text encoder: the concept encoder's layout, also the instruction encoder's. */
    private static ConceptEncoderSpec textEncoder(JsonNode node, String p) {
        requireObject(node, p);
        allowOnly(node, p, Set.of("tokenizer", "textEncoder"));
        JsonNode t = object(node, p, "tokenizer");
        String tp = p + ".tokenizer";
        String kind = text(t, tp, "kind");
        TokenizerSpec tokenizer;
        switch (kind) {
            case "vocabulary" -> {
                allowOnly(t, tp, Set.of("kind", "contextLength", "lowercase", "vocabulary", "padId", "bosId", "eosId"));
                JsonNode v = object(t, tp, "vocabulary");
                Map<String, Integer> vocab = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                        throw fail(tp + ".vocabulary." + e.getKey(), "token id must be a non-negative integer");
                    }
                    vocab.put(e.getKey(), e.getValue().asInt());
                }
                if (vocab.isEmpty()) {
                    throw fail(tp + ".vocabulary", "is empty");
                }
                tokenizer = new TokenizerSpec(kind, positiveInt(t, tp, "contextLength"),
                        !t.has("lowercase") || t.get("lowercase").asBoolean(), Collections.unmodifiableMap(vocab),
                        nonNegativeInt(t, tp, "padId"), nonNegativeInt(t, tp, "bosId"), nonNegativeInt(t, tp, "eosId"),
                        null, null);
            }
            case "huggingface" -> {
                // Lower-casing, splitting and start/end tokens are the tokenizer.json's own business.
                allowOnly(t, tp, Set.of("kind", "contextLength", "file", "padToken"));
                String file = text(t, tp, "file");
                if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                    throw fail(tp + ".file", "must be a plain file name inside the model directory, got '" + file + "'");
                }
                int context = positiveInt(t, tp, "contextLength");
                if (context < 2) {
                    throw fail(tp + ".contextLength", "must hold the start and end tokens (at least 2), got " + context);
                }
                tokenizer = new TokenizerSpec(kind, context, false, Map.of(), 0, 0, 0, file,
                        t.has("padToken") ? text(t, tp, "padToken") : null);
            }
            default -> throw fail(tp + ".kind", "unknown tokenizer kind '" + kind + "' (known: vocabulary, huggingface)");
        }
        ComponentSpec enc = component(node, p, "textEncoder", List.of("inputIds", "attentionMask"), List.of(),
                List.of("features", "mask"), List.of(), false, false);
        return new ConceptEncoderSpec(tokenizer, enc);
    }

    private static DetectorSpec detector(JsonNode node) {
        String p = "roles.detector";
        requireObject(node, p);
        allowOnly(node, p, Set.of("image", "visionEncoder", "decoder", "instances", "boxFormat", "minInstanceArea",
                "paddingBoxLabel", "batchAxis"));
        ImageSpec image = image(object(node, p, "image"), p + ".image");
        ComponentSpec vision = component(node, p, "visionEncoder", List.of("image"), List.of(), List.of(), List.of(),
                true, false);
        ComponentSpec decoder = component(node, p, "decoder", List.of("promptFeatures", "promptMask"),
                List.of("boxes", "boxLabels"), List.of("masks", "boxes", "scores"), List.of("presence"), false, true);
        if ((decoder.input("boxes") == null) != (decoder.input("boxLabels") == null)) {
            throw fail(p + ".decoder.inputs." + (decoder.input("boxes") == null ? "boxes" : "boxLabels"),
                    "missing (geometry prompt inputs come as a pair: boxes and boxLabels)");
        }
        for (TensorSpec in : decoder.inputs().values()) {
            if (in.from() != null && !vision.outputs().containsKey(in.from())) {
                throw fail(in.path() + ".from", "'" + in.from() + "' is not an output of visionEncoder (has: "
                        + String.join(", ", vision.outputs().keySet()) + ")");
            }
        }
        String instances = oneOf(node, p, "instances", List.of("queries", "connected-components"));
        String boxFormat = oneOf(node, p, "boxFormat", List.of("xyxy-normalised", "cxcywh-normalised"));
        int minArea = node.has("minInstanceArea") ? nonNegativeInt(node, p, "minInstanceArea") : 1;
        int paddingBoxLabel = -10;
        if (node.has("paddingBoxLabel")) {
            JsonNode v = node.get("paddingBoxLabel");
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw fail(p + ".paddingBoxLabel", "must be an integer, got " + v);
            }
            paddingBoxLabel = v.asInt();
        }
        boolean batchAxis = node.has("batchAxis") && bool(node, p, "batchAxis");
        if (batchAxis && decoder.input("boxes") != null) {
            throw fail(p + ".batchAxis", "a decoder that takes geometry prompts (boxes, boxLabels) runs one frame per "
                    + "call; batchAxis needs a text-only decoder");
        }
        return new DetectorSpec(image, vision, decoder, instances, boxFormat, minArea, paddingBoxLabel, batchAxis);
    }

    private static TrackerSpec tracker(JsonNode node) {
        String p = "roles.tracker";
        requireObject(node, p);
        allowOnly(node, p, Set.of("image", "memory", "imageEncoder", "imageDecoder", "propagateDecoder",
                "memoryAttention", "memoryEncoder", "batchAxis"));
        ImageSpec image = image(object(node, p, "image"), p + ".image");
        JsonNode m = object(node, p, "memory");
        String mp = p + ".memory";
        allowOnly(m, mp, Set.of("temporalSlots", "pointerTokensPerPointer", "maskEncoding", "maskLogitMagnitude"));
        String enc = oneOf(m, mp, "maskEncoding", List.of("binary", "logits"));
        float magnitude = m.has("maskLogitMagnitude") ? (float) number(m, mp, "maskLogitMagnitude") : 10f;
        MemorySpec memory = new MemorySpec(positiveInt(m, mp, "temporalSlots"),
                nonNegativeInt(m, mp, "pointerTokensPerPointer"), enc, magnitude);
        List<String> features = List.of("imageEmbed", "highResFeatures0", "highResFeatures1");
        ComponentSpec imageEncoder = component(node, p, "imageEncoder", List.of("image"), List.of(),
                List.of("imageEmbeddings", "highResFeatures0", "highResFeatures1", "visionFeatures", "visionPosEmbed"),
                List.of(), false, false);
        List<String> decIn = new ArrayList<>(List.of("pointCoords", "pointLabels"));
        decIn.addAll(features);
        ComponentSpec imageDecoder = component(node, p, "imageDecoder", decIn, List.of(), List.of("masks"),
                List.of("iou", "objectPointer", "maskForMemory"), false, false);
        ComponentSpec propagate = component(node, p, "propagateDecoder", features, List.of(), List.of("masks"),
                List.of("iou", "objectScore", "maskForMemory"), false, false);
        ComponentSpec attention = component(node, p, "memoryAttention",
                List.of("currentFeatures", "currentPosEmbed", "memory", "memoryPosEmbed"),
                List.of("objectPointers", "objectPointerOffsets", "memoryValid"), List.of("fused"), List.of(), false, false);
        ComponentSpec memoryEncoder = component(node, p, "memoryEncoder", List.of("mask", "pixelFeatures"), List.of(),
                List.of("features", "posEnc"), List.of("temporalCode"), false, false);
        boolean batchAxis = node.has("batchAxis") && bool(node, p, "batchAxis");
        if (batchAxis != (attention.input("memoryValid") != null)) {
            throw fail(p + ".memoryAttention.inputs.memoryValid", batchAxis
                    ? "missing (a tracker with a batch axis needs the per-slot validity input)"
                    : "only a tracker with \"batchAxis\": true takes memoryValid");
        }
        return new TrackerSpec(image, memory, imageEncoder, imageDecoder, propagate, attention, memoryEncoder,
                batchAxis);
    }

    private static ImageSpec image(JsonNode node, String p) {
        allowOnly(node, p, Set.of("width", "height", "resize", "mean", "std"));
        String resize = oneOf(node, p, "resize", List.of("stretch"));
        float[] mean = triple(node, p, "mean");
        float[] std = triple(node, p, "std");
        for (int c = 0; c < 3; c++) {
            if (!(mean[c] >= 0f && mean[c] <= 1f)) {
                throw fail(p + ".mean", "values must be in [0, 1] (pixel values are scaled to [0, 1] first), got "
                        + Arrays.toString(mean));
            }
            if (!(std[c] > 0f)) {
                throw fail(p + ".std", "values must be positive, got " + Arrays.toString(std));
            }
        }
        return new ImageSpec(positiveInt(node, p, "width"), positiveInt(node, p, "height"), resize, mean, std);
    }

    private static ComponentSpec component(JsonNode parent, String parentPath, String key, List<String> requiredIn,
                                           List<String> optionalIn, List<String> requiredOut, List<String> optionalOut,
                                           boolean freeOutputs, boolean fromInputs) {
        String p = parentPath + "." + key;
        JsonNode node = object(parent, parentPath, key);
        allowOnly(node, p, Set.of("file", "inputs", "outputs"));
        String file = text(node, p, "file");
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw fail(p + ".file", "must be a plain file name inside the model directory, got '" + file + "'");
        }
        Map<String, TensorSpec> inputs = tensors(object(node, p, "inputs"), p + ".inputs", requiredIn, optionalIn,
                false, fromInputs);
        Map<String, TensorSpec> outputs = tensors(object(node, p, "outputs"), p + ".outputs", requiredOut, optionalOut,
                freeOutputs, false);
        if (outputs.isEmpty()) {
            throw fail(p + ".outputs", "names no tensor");
        }
        return new ComponentSpec(p, file, inputs, outputs);
    }

    private static Map<String, TensorSpec> tensors(JsonNode node, String p, List<String> required,
                                                   List<String> optional, boolean free, boolean fromAllowed) {
        Map<String, TensorSpec> out = new TreeMap<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            String kp = p + "." + key;
            JsonNode t = node.get(key);
            requireObject(t, kp);
            boolean known = required.contains(key) || optional.contains(key);
            String from = null;
            if (!known && !free) {
                if (fromAllowed && t.has("from")) {
                    from = text(t, kp, "from");
                } else {
                    List<String> knownKeys = new ArrayList<>(required);
                    knownKeys.addAll(optional);
                    throw fail(kp, "unknown tensor key '" + key + "' (known: " + String.join(", ", knownKeys)
                            + (fromAllowed ? "; other inputs need a 'from' naming a vision encoder output" : "") + ")");
                }
            }
            allowOnly(t, kp, from != null ? Set.of("name", "rank", "from") : Set.of("name", "rank"));
            out.put(key, new TensorSpec(kp, text(t, kp, "name"), positiveInt(t, kp, "rank"), from));
        }
        for (String r : required) {
            if (!out.containsKey(r)) {
                throw fail(p + "." + r, "missing (required tensors: " + String.join(", ", required) + ")");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    // ------------------------------------------------------------------------------ small helpers

    static ModelDirectoryException fail(String path, String message) {
        return new ModelDirectoryException(FILE_NAME + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static void requireObject(JsonNode node, String p) {
        if (node == null || !node.isObject()) {
            throw fail(p, "must be a JSON object");
        }
    }

    private static void allowOnly(JsonNode node, String p, Set<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw fail(p.isEmpty() ? f : p + "." + f, "unknown field (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static JsonNode field(JsonNode node, String p, String f) {
        JsonNode v = node.get(f);
        if (v == null || v.isNull()) {
            throw fail(p.isEmpty() ? f : p + "." + f, "missing");
        }
        return v;
    }

    private static JsonNode object(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        requireObject(v, p.isEmpty() ? f : p + "." + f);
        return v;
    }

    private static String text(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(p + "." + f, "must be a non-empty string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.isBoolean()) {
            throw fail(p + "." + f, "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static double number(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.isNumber()) {
            throw fail(p + "." + f, "must be a number");
        }
        return v.asDouble();
    }

    private static int positiveInt(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw fail(p + "." + f, "must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    private static int nonNegativeInt(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.isIntegralNumber() || v.asInt() < 0) {
            throw fail(p + "." + f, "must be a non-negative integer, got " + v);
        }
        return v.asInt();
    }

    private static String oneOf(JsonNode node, String p, String f, List<String> allowed) {
        String v = text(node, p, f);
        if (!allowed.contains(v)) {
            throw fail(p + "." + f, "'" + v + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static float[] triple(JsonNode node, String p, String f) {
        JsonNode v = field(node, p, f);
        if (!v.isArray() || v.size() != 3) {
            throw fail(p + "." + f, "must be an array of 3 numbers (R, G, B), got " + v);
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!v.get(i).isNumber()) {
                throw fail(p + "." + f, "must be an array of 3 numbers (R, G, B), got " + v);
            }
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }
}
