package io.maskstream.state.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the frames topic (DESIGN §6): an encoded image of a stream at a sequence number,
 * or a marker (stream epoch, end of stream) that carries no image.
 *
 * @param streamId the camera or video this frame belongs to; also the Kafka key
 * @param seq per-stream sequence number, from 0
 * @param epoch the stream's epoch; a source that reconnects or changes resolution starts a new one
 * @param captureTime epoch milliseconds when the frame was captured
 */
public record FrameRecord(
        FrameRecordKind kind,
        String streamId,
        long seq,
        int epoch,
        long captureTime,
        int width,
        int height,
        FrameEncoding encoding,
        byte[] image) {

    public FrameRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(image, "image");
    }

    public static FrameRecord frame(
            String streamId, long seq, int epoch, long captureTime, int width, int height,
            FrameEncoding encoding, byte[] image) {
        return new FrameRecord(FrameRecordKind.FRAME, streamId, seq, epoch, captureTime, width, height, encoding, image);
    }

    public static FrameRecord marker(FrameRecordKind kind, String streamId, long seq, int epoch, long captureTime) {
        if (kind == FrameRecordKind.FRAME) {
            throw new IllegalArgumentException("a marker cannot be of kind FRAME");
        }
        return new FrameRecord(kind, streamId, seq, epoch, captureTime, 0, 0, FrameEncoding.NONE, new byte[0]);
    }

    public boolean isMarker() {
        return kind != FrameRecordKind.FRAME;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameRecord r
                && r.kind == kind
                && r.streamId.equals(streamId)
                && r.seq == seq
                && r.epoch == epoch
                && r.captureTime == captureTime
                && r.width == width
                && r.height == height
                && r.encoding == encoding
                && Arrays.equals(r.image, image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, streamId, seq, epoch, captureTime, width, height, encoding, Arrays.hashCode(image));
    }

    @Override
    public String toString() {
        return "FrameRecord[" + kind + " " + streamId + "#" + seq + " epoch=" + epoch + " " + width + "x" + height
                + " " + encoding.label() + " " + image.length + " bytes]";
    }
}
