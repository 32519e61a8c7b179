package io.maskstream.operators.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tokenizer of kind {@code vocabulary}: whitespace-separated words looked up in the manifest's
 * vocabulary, wrapped in BOS/EOS and padded to the context length. A word outside the vocabulary makes
 * the concept unknown.
 */
final class VocabularyTokenizer implements ConceptTokenizer {
    private final ModelManifest.TokenizerSpec spec;

    VocabularyTokenizer(ModelManifest.TokenizerSpec spec) {
        this.spec = spec;
    }

    @Override
    public Tokens tokenize(String concept) {
        String text = spec.lowercase() ? concept.toLowerCase(Locale.ROOT) : concept;
        String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (words.length == 0) {
            throw new UnknownConceptException(concept, "concept '" + concept + "' is empty");
        }
        if (words.length + 2 > spec.contextLength()) {
            throw new UnknownConceptException(concept, "concept '" + concept + "' has " + words.length
                    + " words; the tokenizer context holds " + (spec.contextLength() - 2));
        }
        long[] ids = new long[spec.contextLength()];
        long[] attention = new long[spec.contextLength()];
        Arrays.fill(ids, spec.padId());
        ids[0] = spec.bosId();
        attention[0] = 1;
        for (int i = 0; i < words.length; i++) {
            Integer id = spec.vocabulary().get(words[i]);
            if (id == null) {
                throw new UnknownConceptException(concept, "concept '" + concept + "': word '" + words[i]
                        + "' is not in the model's vocabulary (knows: " + String.join(", ", spec.vocabulary().keySet())
                        + ")");
            }
            ids[i + 1] = id;
            attention[i + 1] = 1;
        }
        ids[words.length + 1] = spec.eosId();
        attention[words.length + 1] = 1;
        return new Tokens(ids, attention);
    }

    @Override
    public List<String> knownConcepts() {
        return spec.vocabulary().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    Map<String, Integer> vocabulary() {
        return spec.vocabulary();
    }

    @Override
    public void close() {
        // nothing native
    }
}
