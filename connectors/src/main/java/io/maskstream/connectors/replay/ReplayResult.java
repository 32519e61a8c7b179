package io.maskstream.connectors.replay;

/**
 * What a replay sent.
 *
 * @param frames frame records sent
 * @param markers marker records sent (stream epochs and the end of stream)
 * @param acked records the broker acknowledged
 */
public record ReplayResult(String streamId, long frames, long markers, long acked) {
    public long records() {
        return frames + markers;
    }
}
