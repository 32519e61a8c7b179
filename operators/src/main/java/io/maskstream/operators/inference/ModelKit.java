package io.maskstream.operators.inference;

/**
 * The models of one kit, opened: a concept vocabulary, a detector and a tracker. The stream session
 * and the SAM 3 rules see only these roles, never which kit runs. The role objects belong to this
 * kit and are used by one thread at a time — open one kit per Flink slot.
 */
public interface ModelKit extends AutoCloseable {
    ConceptVocabulary conceptEncoder();

    /** The concepts this kit knows ({@link ConceptVocabulary#knownConcepts}); empty for an open vocabulary. */
    default java.util.List<String> concepts() {
        return conceptEncoder().knownConcepts();
    }

    DetectorRole detector();

    /**
     * The instruction encoder (text → the detector's prompt features), or null when the kit has none: then
     * instructions are resolved by the grammar over the masklets (docs/instructions.md).
     */
    default ConceptVocabulary instructionEncoder() {
        return null;
    }

    TrackerRole tracker();

    /** Where the models run: {@code cpu} or {@code cuda:N}. */
    String provider();

    @Override
    void close();
}
