package io.maskstream.operators.inference;

/** Role: a concept name → what the kit's detector consumes for it. */
public interface ConceptVocabulary {
    /**
     * The embedding of {@code concept}.
     *
     * @throws UnknownConceptException when the kit cannot represent it (the message lists what it can)
     */
    ConceptEmbedding encode(String concept);
}
