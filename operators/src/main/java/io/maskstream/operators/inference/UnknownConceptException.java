package io.maskstream.operators.inference;

/** A concept prompt the concept encoder cannot represent (e.g. a word outside its vocabulary). */
public class UnknownConceptException extends RuntimeException {
    private final String concept;

    public UnknownConceptException(String concept, String message) {
        super(message);
        this.concept = concept;
    }

    public String concept() {
        return concept;
    }
}
