package io.maskstream.operators.inference;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The tokenizer of kind {@code huggingface}: a HuggingFace {@code tokenizer.json} (SAM 3 ships CLIP's byte-level
 * BPE) run by DJL's binding of the HuggingFace tokenizers library. The file's own normaliser, pre-tokenizer and
 * post-processor apply, so the start and end tokens are the ones the post-processor adds (CLIP:
 * {@code <|startoftext|>} … {@code <|endoftext|>}). Longer prompts are truncated so that they fit the context
 * with both special tokens; shorter ones are padded to the context with the manifest's {@code padToken}
 * (default {@code <|endoftext|>}, as SAM 3 exports expect) and attention 0. Padding and truncation settings
 * inside the file are replaced by these.
 *
 * <p>No network: DJL is put in offline mode before it loads, so its native library is only copied out of the
 * {@code ai.djl.huggingface:tokenizers} jar (which carries it for linux-x86_64) into DJL's cache directory
 * ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR}) and its EC2 telemetry is off.
 */
final class HuggingFaceConceptTokenizer implements ConceptTokenizer {
    /** The pad token when the manifest names none: CLIP's end-of-text token, as SAM 3 ONNX exports pad. */
    static final String DEFAULT_PAD_TOKEN = "<|endoftext|>";

    private static final String FIELD = "roles.conceptEncoder.tokenizer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;
    private final long padId;

    private HuggingFaceConceptTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, long padId) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.padId = padId;
    }

    static HuggingFaceConceptTokenizer open(ModelManifest.TokenizerSpec spec, Path modelDir) {
        Path file = modelDir.resolve(spec.file());
        if (!Files.isRegularFile(file)) {
            throw ModelManifest.fail(FIELD + ".file", spec.file() + " not found in " + modelDir);
        }
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(file);
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw ModelManifest.fail(FIELD + ".file", spec.file() + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw ModelManifest.fail(FIELD + ".file", spec.file()
                    + " is not a HuggingFace tokenizer.json (no \"model\" object)");
        }
        if (!root.path("post_processor").isObject()) {
            throw ModelManifest.fail(FIELD + ".file", spec.file() + " has no \"post_processor\": it would add no "
                    + "start/end-of-text tokens (CLIP's tokenizer.json has one)");
        }
        String padToken = spec.padToken() == null ? DEFAULT_PAD_TOKEN : spec.padToken();
        Long padId = tokenId(root, padToken);
        if (padId == null) {
            throw ModelManifest.fail(FIELD + (spec.padToken() == null ? "" : ".padToken"), "pad token '" + padToken
                    + "' is not a token of " + spec.file() + " (neither in added_tokens nor in model.vocab)"
                    + (spec.padToken() == null ? "; name one with \"padToken\"" : ""));
        }
        useOfflineMode();
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "padding", "false",
                    "maxLength", Integer.toString(spec.contextLength()),
                    "modelMaxLength", Integer.toString(Math.max(spec.contextLength(), 512))));
            return new HuggingFaceConceptTokenizer(t, spec.contextLength(), padId);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw ModelManifest.fail(FIELD + ".file", spec.file() + " cannot be loaded by the HuggingFace tokenizers "
                    + "library: " + e);
        }
    }

    /** The id of {@code token}: an added (special) token first, else the model's vocabulary. */
    private static Long tokenId(JsonNode root, String token) {
        for (JsonNode added : root.path("added_tokens")) {
            if (token.equals(added.path("content").asText(null)) && added.path("id").canConvertToLong()) {
                return added.get("id").asLong();
            }
        }
        JsonNode id = root.path("model").path("vocab").get(token);
        return id != null && id.canConvertToLong() ? id.asLong() : null;
    }

    /**
     * DJL reads these as environment variables or system properties. Offline mode makes it take the CPU native
     * library from its jar instead of downloading a CUDA build, and skips its EC2 telemetry call; the explicit
     * flavour and opt-out cover a {@code DJL_OFFLINE=false} environment.
     */
    private static synchronized void useOfflineMode() {
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        System.getProperties().putIfAbsent("OPT_OUT_TRACKING", "true");
        System.getProperties().putIfAbsent("RUST_FLAVOR", "cpu");
    }

    @Override
    public Tokens tokenize(String concept) {
        if (concept.isBlank()) {
            throw new UnknownConceptException(concept, "concept '" + concept + "' is empty");
        }
        Encoding e = tokenizer.encode(concept);
        long[] ids = e.getIds();
        long[] attention = e.getAttentionMask();
        int n = Math.min(ids.length, contextLength);
        long[] paddedIds = Arrays.copyOf(ids, contextLength);
        long[] paddedAttention = Arrays.copyOf(attention, contextLength);
        Arrays.fill(paddedIds, n, contextLength, padId);
        Arrays.fill(paddedAttention, n, contextLength, 0L);
        return new Tokens(paddedIds, paddedAttention);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
