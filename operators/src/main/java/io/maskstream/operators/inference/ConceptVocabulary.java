package io.maskstream.operators.inference;

import java.util.List;

/** Role: a concept name → what the kit's detector consumes for it. */
public interface ConceptVocabulary {
    /**
     * The embedding of {@code concept}.
     *
     * @throws UnknownConceptException when the kit cannot represent it (the message lists what it can)
     */
    ConceptEmbedding encode(String concept);

    /**
     * Checks that {@code concept} can be encoded, as cheaply as the kit can (no model run where it can
     * tell without one): prompts and the default concepts are checked on arrival and at start-up.
     *
     * @throws UnknownConceptException when it cannot
     */
    default void check(String concept) {
        encode(concept);
    }

    /**
     * What the detector consumes for an image-only concept ({@code image:...}, no text: its exemplars say what it
     * is). Default: an embedding without features, which a detector that takes exemplars skips for text.
     */
    default ConceptEmbedding encodeImageOnly(String concept) {
        return new ConceptEmbedding(concept, new FloatTensor(new float[0], new long[] {0}), new boolean[0]);
    }

    /** The concepts the kit knows, in its own order; empty for an open vocabulary that takes any text. */
    default List<String> knownConcepts() {
        return List.of();
    }
}
