package io.maskstream.operators.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.LinkedHashMap;
import java.util.Map;

/** Role: text prompt → concept embedding (tokenizer + text encoder). One thread at a time. */
public final class ConceptEncoder {
    private final ModelManifest.ConceptEncoderSpec spec;
    private final OrtSession session;
    private final VocabularyTokenizer tokenizer;
    private final Tensors tensors = new Tensors();
    /** Embeddings already computed (prompts repeat every frame); bounded, least recently used out. */
    private final Map<String, ConceptEmbedding> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConceptEmbedding> eldest) {
            return size() > 256;
        }
    };

    ConceptEncoder(ModelManifest.ConceptEncoderSpec spec, OrtSession session) {
        this.spec = spec;
        this.session = session;
        this.tokenizer = new VocabularyTokenizer(spec.tokenizer());
    }

    /** @throws UnknownConceptException when the tokenizer cannot represent {@code concept} */
    public ConceptEmbedding encode(String concept) {
        ConceptEmbedding cached = cache.get(concept);
        if (cached == null) {
            cached = run(concept);
            cache.put(concept, cached);
        }
        return cached;
    }

    private ConceptEmbedding run(String concept) {
        VocabularyTokenizer.Tokens tokens = tokenizer.tokenize(concept);
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
                boolean[] mask = new boolean[n];
                for (int i = 0; i < n; i++) {
                    mask[i] = tokens.attention()[i] != 0;
                }
                return new ConceptEmbedding(concept, features, mask);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("text encoder failed for concept '" + concept + "'", e);
        } finally {
            Tensors.closeAll(inputs.values());
        }
    }
}
