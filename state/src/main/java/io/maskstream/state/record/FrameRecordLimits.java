package io.maskstream.state.record;

/**
 * Bounds checked on every record before anything is allocated from a length it claims.
 *
 * @param maxRecordBytes largest whole record accepted
 * @param maxPixels largest width × height accepted (guards against decompression bombs)
 */
public record FrameRecordLimits(int maxRecordBytes, long maxPixels) implements java.io.Serializable {
    /** 32 MiB records, 4K UHD frames. */
    public static final FrameRecordLimits DEFAULT = new FrameRecordLimits(32 << 20, 3840L * 2160);

    public FrameRecordLimits {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
    }
}
