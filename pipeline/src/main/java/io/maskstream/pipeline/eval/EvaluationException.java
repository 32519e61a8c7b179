package io.maskstream.pipeline.eval;

/** Input that cannot be evaluated: unreadable files, overlapping masks, duplicate ids, size mismatches. */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
