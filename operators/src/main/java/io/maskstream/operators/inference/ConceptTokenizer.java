package io.maskstream.operators.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * Text prompt → the text encoder's two inputs, each exactly {@code contextLength} long. Implementations:
 * {@link VocabularyTokenizer} (kind {@code vocabulary}, the reference models) and
 * {@link HuggingFaceConceptTokenizer} (kind {@code huggingface}, a {@code tokenizer.json} such as SAM 3's
 * CLIP BPE). One thread at a time.
 */
interface ConceptTokenizer extends AutoCloseable {
    /** Token ids and the attention mask (1 for real tokens, start and end tokens included; 0 for padding). */
    record Tokens(long[] ids, long[] attention) {}

    /** @throws UnknownConceptException when the concept cannot be represented (empty, unknown word) */
    Tokens tokenize(String concept);

    /**
     * The words concepts are made of, by token id (a concept is one or more of them,
     * space-separated); empty when the tokenizer accepts any text.
     */
    default List<String> knownConcepts() {
        return List.of();
    }

    /** Releases native resources, if any. */
    @Override
    void close();

    /** The tokenizer a manifest describes; files are resolved in {@code modelDir}. Fails naming file and field. */
    static ConceptTokenizer open(ModelManifest.TokenizerSpec spec, Path modelDir) {
        return switch (spec.kind()) {
            case "vocabulary" -> new VocabularyTokenizer(spec);
            case "huggingface" -> HuggingFaceConceptTokenizer.open(spec, modelDir);
            default -> throw ModelManifest.fail("roles.conceptEncoder.tokenizer.kind",
                    "unknown tokenizer kind '" + spec.kind() + "'");
        };
    }
}
