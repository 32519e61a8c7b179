package io.maskstream.state.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a {@link FrameRecord}: a small versioned header, then the image bytes.
 *
 * <pre>
 * offset size field
 * 0      4    magic "MSFR"
 * 4      1    version (1)
 * 5      1    kind (0 frame, 1 stream epoch, 2 end of stream)
 * 6      1    encoding (0 none, 1 jpeg, 2 png, 3 raw-rgb)
 * 7      1    reserved (0; anything else is rejected as unsupported-version)
 * 8      2    streamId length L (1..{@value #MAX_STREAM_ID_BYTES}), big-endian
 * 10     L    streamId, UTF-8
 * 10+L   8    seq
 *        4    epoch
 *        8    captureTime (epoch ms)
 *        4    width
 *        4    height
 *        4    payload length N
 *        N    image bytes
 * </pre>
 *
 * Decoding checks every length and dimension against {@link FrameRecordLimits} before it allocates.
 */
public final class FrameRecordCodec {
    public static final int MAGIC = 0x4D534652; // "MSFR"
    public static final byte VERSION = 1;
    public static final int MAX_STREAM_ID_BYTES = 256;
    private static final int PREFIX_BYTES = 10;
    private static final int FIXED_TAIL_BYTES = 8 + 4 + 8 + 4 + 4 + 4;

    private final FrameRecordLimits limits;

    public FrameRecordCodec(FrameRecordLimits limits) {
        this.limits = limits;
    }

    public FrameRecordCodec() {
        this(FrameRecordLimits.DEFAULT);
    }

    public FrameRecordLimits limits() {
        return limits;
    }

    public static byte[] encode(FrameRecord r) {
        byte[] id = r.streamId().getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_STREAM_ID_BYTES) {
            throw new IllegalArgumentException("streamId must be 1.." + MAX_STREAM_ID_BYTES + " UTF-8 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(PREFIX_BYTES + id.length + FIXED_TAIL_BYTES + r.image().length);
        b.putInt(MAGIC)
                .put(VERSION)
                .put((byte) r.kind().code())
                .put((byte) r.encoding().code())
                .put((byte) 0)
                .putShort((short) id.length)
                .put(id)
                .putLong(r.seq())
                .putInt(r.epoch())
                .putLong(r.captureTime())
                .putInt(r.width())
                .putInt(r.height())
                .putInt(r.image().length)
                .put(r.image());
        return b.array();
    }

    public FrameRecord decode(byte[] bytes) throws RecordRejectedException {
        if (bytes == null || bytes.length < PREFIX_BYTES) {
            throw new RecordRejectedException(
                    RejectReason.TRUNCATED_HEADER, "record has " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        if (bytes.length > limits.maxRecordBytes()) {
            throw new RecordRejectedException(
                    RejectReason.RECORD_TOO_LARGE,
                    "record has " + bytes.length + " bytes, limit " + limits.maxRecordBytes());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new RecordRejectedException(RejectReason.BAD_MAGIC, String.format("magic 0x%08x", magic));
        }
        int version = b.get();
        if (version != VERSION) {
            throw new RecordRejectedException(RejectReason.UNSUPPORTED_VERSION, "version " + version);
        }
        int kindCode = b.get();
        FrameRecordKind kind = FrameRecordKind.ofCode(kindCode);
        if (kind == null) {
            throw new RecordRejectedException(RejectReason.UNKNOWN_KIND, "kind " + kindCode);
        }
        int encodingCode = b.get();
        FrameEncoding encoding = FrameEncoding.ofCode(encodingCode);
        if (encoding == null) {
            throw new RecordRejectedException(RejectReason.UNKNOWN_ENCODING, "encoding " + encodingCode);
        }
        int reserved = b.get();
        if (reserved != 0) {
            // Version 1 writes 0; anything else is a format this decoder does not know.
            throw new RecordRejectedException(RejectReason.UNSUPPORTED_VERSION, "reserved byte " + reserved);
        }
        int idLength = Short.toUnsignedInt(b.getShort());
        if (idLength == 0 || idLength > MAX_STREAM_ID_BYTES) {
            throw new RecordRejectedException(RejectReason.BAD_STREAM_ID, "streamId length " + idLength);
        }
        if (b.remaining() < idLength + FIXED_TAIL_BYTES) {
            throw new RecordRejectedException(
                    RejectReason.TRUNCATED_HEADER, "header needs " + (idLength + FIXED_TAIL_BYTES) + " more bytes");
        }
        String streamId;
        try {
            streamId = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, b.position(), idLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RecordRejectedException(RejectReason.BAD_STREAM_ID, "streamId is not UTF-8");
        }
        if (streamId.isBlank()) {
            throw new RecordRejectedException(RejectReason.BAD_STREAM_ID, "streamId is blank");
        }
        b.position(b.position() + idLength);
        long seq = b.getLong();
        int epoch = b.getInt();
        long captureTime = b.getLong();
        int width = b.getInt();
        int height = b.getInt();
        int payloadLength = b.getInt();
        if (seq < 0) {
            throw new RecordRejectedException(RejectReason.NEGATIVE_SEQ, "seq " + seq);
        }
        if (payloadLength != b.remaining()) {
            throw new RecordRejectedException(
                    RejectReason.PAYLOAD_LENGTH_MISMATCH,
                    "header says " + payloadLength + " payload bytes, record has " + b.remaining());
        }
        if (kind == FrameRecordKind.FRAME) {
            if (width <= 0 || height <= 0) {
                throw new RecordRejectedException(RejectReason.INVALID_DIMENSIONS, width + "x" + height);
            }
            if ((long) width * height > limits.maxPixels()) {
                throw new RecordRejectedException(
                        RejectReason.TOO_MANY_PIXELS,
                        width + "x" + height + " exceeds " + limits.maxPixels() + " pixels");
            }
            if (encoding == FrameEncoding.NONE || payloadLength == 0) {
                throw new RecordRejectedException(RejectReason.UNKNOWN_ENCODING, "a frame needs image bytes");
            }
            if (encoding == FrameEncoding.RAW_RGB && (long) width * height * 3 != payloadLength) {
                throw new RecordRejectedException(
                        RejectReason.RAW_SIZE_MISMATCH,
                        "raw-rgb " + width + "x" + height + " needs " + (long) width * height * 3 + " bytes, has "
                                + payloadLength);
            }
        } else if (payloadLength != 0) {
            throw new RecordRejectedException(RejectReason.PAYLOAD_LENGTH_MISMATCH, "a marker carries no image");
        } else if (encoding != FrameEncoding.NONE) {
            throw new RecordRejectedException(
                    RejectReason.UNKNOWN_ENCODING, "a marker has encoding none, not " + encoding.label());
        }
        byte[] image = new byte[payloadLength];
        b.get(image);
        return new FrameRecord(kind, streamId, seq, epoch, captureTime, width, height, encoding, image);
    }
}
