package io.maskstream.connectors.replay;

import java.time.Duration;
import java.util.Objects;

/**
 * How one source is replayed.
 *
 * @param streamId the stream's id: the Kafka key and {@code FrameRecord.streamId}
 * @param topic the frames topic
 * @param loop start a file again at its end (as a new stream epoch) instead of ending the stream
 * @param jpegQuality JPEG quality 1..100 of the frames' images
 * @param maxFrames stop after this many frames (0: no limit)
 * @param reconnectBackoff first wait before reconnecting a live source; doubles up to {@code maxBackoff}
 * @param maxReconnects give up a live source after this many failed reconnect attempts in a row (0: never)
 */
public record ReplaySettings(
        String streamId, String topic, Pacing pacing, boolean loop, int jpegQuality, long maxFrames,
        Duration reconnectBackoff, Duration maxBackoff, int maxReconnects) {

    public static final String DEFAULT_TOPIC = "frames";
    public static final int DEFAULT_JPEG_QUALITY = 90;

    public ReplaySettings {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(pacing, "pacing");
        if (streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be blank");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be 1..100: " + jpegQuality);
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must be >= 0: " + maxFrames);
        }
    }

    /** Topic {@code frames}, native pace, no loop, JPEG quality 90, no frame limit, backoff 0.5 s → 10 s. */
    public static ReplaySettings of(String streamId) {
        return new ReplaySettings(streamId, DEFAULT_TOPIC, Pacing.nativeRate(), false, DEFAULT_JPEG_QUALITY, 0,
                Duration.ofMillis(500), Duration.ofSeconds(10), 0);
    }

    public ReplaySettings withTopic(String t) {
        return new ReplaySettings(streamId, t, pacing, loop, jpegQuality, maxFrames, reconnectBackoff, maxBackoff,
                maxReconnects);
    }

    public ReplaySettings withPacing(Pacing p) {
        return new ReplaySettings(streamId, topic, p, loop, jpegQuality, maxFrames, reconnectBackoff, maxBackoff,
                maxReconnects);
    }

    public ReplaySettings withLoop(boolean l) {
        return new ReplaySettings(streamId, topic, pacing, l, jpegQuality, maxFrames, reconnectBackoff, maxBackoff,
                maxReconnects);
    }

    public ReplaySettings withJpegQuality(int q) {
        return new ReplaySettings(streamId, topic, pacing, loop, q, maxFrames, reconnectBackoff, maxBackoff,
                maxReconnects);
    }

    public ReplaySettings withMaxFrames(long n) {
        return new ReplaySettings(streamId, topic, pacing, loop, jpegQuality, n, reconnectBackoff, maxBackoff,
                maxReconnects);
    }

    public ReplaySettings withReconnect(Duration backoff, Duration max, int attempts) {
        return new ReplaySettings(streamId, topic, pacing, loop, jpegQuality, maxFrames, backoff, max, attempts);
    }
}
