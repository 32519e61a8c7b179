package io.maskstream.connectors.replay;

import java.io.IOException;

/**
 * A source scheme {@link FrameSources#open} resolves, such as {@code scene:NAME}: found with
 * {@link java.util.ServiceLoader}, listed in {@code META-INF/services/io.maskstream.connectors.replay.FrameSourceScheme}.
 * It lets a module above the connectors add a source without the connectors depending on it.
 */
public interface FrameSourceScheme {
    /** The scheme before the colon, lower case. */
    String scheme();

    /** The source of {@code rest}, the text after {@code SCHEME:}. */
    FrameSource open(String rest) throws IOException;
}
