package io.maskstream.pipeline.config;

/** A configuration that must not start a job; the message names the key or field. */
public final class InvalidConfigException extends IllegalArgumentException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
