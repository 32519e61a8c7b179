package io.maskstream.operators.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A concept prompt as the detector consumes it: the text encoder's token features
 * ({@code [1, context, dim]}) and its per-token mask output, kept in the export's own convention (the
 * reference models: true = real token) because the decoder reads it back as its prompt mask. Value semantics.
 */
public record ConceptEmbedding(String concept, FloatTensor features, boolean[] tokenMask) {
    public ConceptEmbedding {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(tokenMask, "tokenMask");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptEmbedding e && concept.equals(e.concept) && features.equals(e.features)
                && Arrays.equals(tokenMask, e.tokenMask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(concept, features, Arrays.hashCode(tokenMask));
    }

    @Override
    public String toString() {
        return "ConceptEmbedding[" + concept + ", " + features + "]";
    }
}
