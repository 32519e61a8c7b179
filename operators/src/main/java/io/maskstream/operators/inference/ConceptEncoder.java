package io.maskstream.operators.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Role: text prompt → concept embedding (tokenizer + text encoder). The embedding carries the text encoder's
 * {@code features} and its {@code mask} output unchanged, because the decoder expects the mask in the export's
 * own convention (the reference models: true = real token; SAM 3's {@code text_mask} is the encoder's word on
 * it). One thread at a time.
 */
public final class ConceptEncoder implements ConceptVocabulary {
    private final ModelManifest.ConceptEncoderSpec spec;
    private final OrtSession session;
    private final ConceptTokenizer tokenizer;
    private final Tensors tensors = new Tensors();
    /** Embeddings already computed (prompts repeat every frame); bounded, least recently used out. */
    private final Map<String, ConceptEmbedding> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConceptEmbedding> eldest) {
            return size() > 256;
        }
    };

    ConceptEncoder(ModelManifest.ConceptEncoderSpec spec, OrtSession session, ConceptTokenizer tokenizer) {
        this.spec = spec;
        this.session = session;
        this.tokenizer = tokenizer;
    }

    /** @throws UnknownConceptException when the tokenizer cannot represent {@code concept} */
    @Override
    public ConceptEmbedding encode(String concept) {
        ConceptEmbedding cached = cache.get(concept);
        if (cached == null) {
            cached = run(concept);
            cache.put(concept, cached);
        }
        return cached;
    }

    /**
     * An image-only concept: over an open vocabulary the text SAM 3 gives a prompt of exemplars alone,
     * {@value #IMAGE_ONLY_TEXT}; over a closed one (the reference models) no text at all.
     */
    @Override
    public ConceptEmbedding encodeImageOnly(String concept) {
        if (!knownConcepts().isEmpty()) {
            return ConceptVocabulary.super.encodeImageOnly(concept);
        }
        ConceptEmbedding visual = encode(IMAGE_ONLY_TEXT);
        return new ConceptEmbedding(concept, visual.features(), visual.tokenMask());
    }

    /** SAM 3's text for a prompt of image exemplars alone (its image processor encodes "visual"). */
    public static final String IMAGE_ONLY_TEXT = "visual";

    /**
     * The words concepts are made of, by token id (a concept is one or more of them,
     * space-separated); empty for an open vocabulary (a tokenizer that accepts any text, as SAM 3's).
     */
    @Override
    public List<String> knownConcepts() {
        return tokenizer.knownConcepts();
    }

    /**
     * Checks that {@code concept} can be encoded, with the tokenizer alone (no model run).
     *
     * @throws UnknownConceptException when it cannot
     */
    @Override
    public void check(String concept) {
        tokenizer.tokenize(concept);
    }

    /** The text encoder's inputs for {@code concept}: token ids and attention mask, each of context length. */
    ConceptTokenizer.Tokens tokenize(String concept) {
        return tokenizer.tokenize(concept);
    }

    private ConceptEmbedding run(String concept) {
        ConceptTokenizer.Tokens tokens = tokenizer.tokenize(concept);
        ModelManifest.ComponentSpec c = spec.textEncoder();
        int n = tokens.ids().length;
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            String idsName = c.input("inputIds").name();
            String maskName = c.input("attentionMask").name();
            inputs.put(idsName, tensors.flags("ids", tokens.ids(), Tensors.inputInfo(session, idsName), 1, n));
            inputs.put(maskName, tensors.flags("mask", tokens.attention(), Tensors.inputInfo(session, maskName), 1, n));
            try (OrtSession.Result r = session.run(inputs)) {
                FloatTensor features = Tensors.copy(r, c.output("features").name());
                return new ConceptEmbedding(concept, features, flags(Tensors.output(r, c.output("mask").name())));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("text encoder failed for concept '" + concept + "'", e);
        } finally {
            Tensors.closeAll(inputs.values());
        }
    }

    /** A boolean or numeric tensor as true/false per element (non-zero = true). */
    private static boolean[] flags(OnnxTensor t) {
        switch (t.getInfo().type) {
            case BOOL, INT8, UINT8 -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] out = new boolean[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i) != 0;
                }
                return out;
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                boolean[] out = new boolean[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i) != 0;
                }
                return out;
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                boolean[] out = new boolean[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i) != 0;
                }
                return out;
            }
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                boolean[] out = new boolean[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i) != 0f;
                }
                return out;
            }
            default -> throw new IllegalStateException("text encoder mask output has unsupported type "
                    + t.getInfo().type);
        }
    }
}
