package io.maskstream.connectors.replay;

import java.util.Objects;

/**
 * One entry of a multi-source replay: what to read and as which stream, with optional per-source
 * overrides (null: use the command's setting).
 */
public record SourceSpec(String source, String streamId, Pacing pacing, Boolean loop, Integer jpegQuality,
        Long maxFrames) {
    public SourceSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(streamId, "streamId");
    }

    public static SourceSpec of(String source, String streamId) {
        return new SourceSpec(source, streamId, null, null, null, null);
    }

    /** These settings with this entry's overrides and stream id. */
    public ReplaySettings apply(ReplaySettings base) {
        ReplaySettings s = new ReplaySettings(streamId, base.topic(), base.pacing(), base.loop(), base.jpegQuality(),
                base.maxFrames(), base.reconnectBackoff(), base.maxBackoff(), base.maxReconnects());
        if (pacing != null) {
            s = s.withPacing(pacing);
        }
        if (loop != null) {
            s = s.withLoop(loop);
        }
        if (jpegQuality != null) {
            s = s.withJpegQuality(jpegQuality);
        }
        if (maxFrames != null) {
            s = s.withMaxFrames(maxFrames);
        }
        return s;
    }
}
