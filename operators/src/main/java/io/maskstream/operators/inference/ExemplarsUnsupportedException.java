package io.maskstream.operators.inference;

/** A kit's detector cannot use an image exemplar; the message says why. */
public class ExemplarsUnsupportedException extends RuntimeException {
    public ExemplarsUnsupportedException(String message) {
        super(message);
    }
}
