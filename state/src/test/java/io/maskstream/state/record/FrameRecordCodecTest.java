package io.maskstream.state.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameRecordCodecTest {
    private static final String ID = "cam-1";
    private static final int L = ID.length();
    // Offsets in the layout of FrameRecordCodec's class comment, for a streamId of L bytes.
    private static final int VERSION_AT = 4, KIND_AT = 5, ENCODING_AT = 6, ID_LENGTH_AT = 8, ID_AT = 10;
    private static final int SEQ_AT = 10 + L, WIDTH_AT = 30 + L, HEIGHT_AT = 34 + L, PAYLOAD_LENGTH_AT = 38 + L;

    private final FrameRecordCodec codec = new FrameRecordCodec();

    static FrameRecord jpegFrame() {
        return FrameRecord.frame(ID, 42, 3, 1_700_000_000_123L, 320, 240, FrameEncoding.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    }

    static FrameRecord rawFrame() {
        byte[] rgb = new byte[4 * 2 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        return FrameRecord.frame(ID, 0, 0, 5L, 4, 2, FrameEncoding.RAW_RGB, rgb);
    }

    static byte[] rawFrameBytes() {
        return FrameRecordCodec.encode(rawFrame());
    }

    @Test
    void jpegFrameRoundTrips() throws Exception {
        assertThat(codec.decode(FrameRecordCodec.encode(jpegFrame()))).isEqualTo(jpegFrame());
    }

    @Test
    void rawRgbFrameRoundTrips() throws Exception {
        assertThat(codec.decode(FrameRecordCodec.encode(rawFrame()))).isEqualTo(rawFrame());
    }

    @Test
    void markersRoundTrip() throws Exception {
        for (FrameRecordKind kind : new FrameRecordKind[] {FrameRecordKind.STREAM_EPOCH, FrameRecordKind.END_OF_STREAM}) {
            FrameRecord m = FrameRecord.marker(kind, "café-ü", 7, 2, 99L);
            assertThat(codec.decode(FrameRecordCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void encodingIsTheDocumentedLayout() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("MSFR");
        assertThat(b[VERSION_AT]).isEqualTo((byte) 1);
        assertThat(b[KIND_AT]).isEqualTo((byte) 0);
        assertThat(b[ENCODING_AT]).isEqualTo((byte) 1);
        assertThat(buf.getShort(ID_LENGTH_AT)).isEqualTo((short) L);
        assertThat(buf.getLong(SEQ_AT)).isEqualTo(42);
        assertThat(buf.getInt(WIDTH_AT)).isEqualTo(320);
        assertThat(buf.getInt(HEIGHT_AT)).isEqualTo(240);
        assertThat(buf.getInt(PAYLOAD_LENGTH_AT)).isEqualTo(5);
        assertThat(b).hasSize(42 + L + 5);
    }

    @Test
    void rejectsATruncatedHeader() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        assertRejected(Arrays.copyOf(b, 6), RejectReason.TRUNCATED_HEADER);
        assertRejected(Arrays.copyOf(b, SEQ_AT + 8), RejectReason.TRUNCATED_HEADER);
        assertRejected(new byte[0], RejectReason.TRUNCATED_HEADER);
        assertRejected(null, RejectReason.TRUNCATED_HEADER);
    }

    @Test
    void rejectsWrongMagic() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[0] = 'X';
        assertRejected(b, RejectReason.BAD_MAGIC);
    }

    @Test
    void rejectsAnUnsupportedVersion() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[VERSION_AT] = 2;
        assertRejected(b, RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsANonZeroReservedByte() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[7] = 1;
        assertRejected(b, RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsAnUnknownKind() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[KIND_AT] = 9;
        assertRejected(b, RejectReason.UNKNOWN_KIND);
    }

    @Test
    void rejectsAnUnknownEncoding() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[ENCODING_AT] = 9;
        assertRejected(b, RejectReason.UNKNOWN_ENCODING);
    }

    @Test
    void rejectsAFrameWithoutImage() {
        FrameRecord noImage = FrameRecord.frame(ID, 1, 0, 0, 2, 2, FrameEncoding.NONE, new byte[0]);
        assertRejected(FrameRecordCodec.encode(noImage), RejectReason.UNKNOWN_ENCODING);
        FrameRecord emptyJpeg = FrameRecord.frame(ID, 1, 0, 0, 2, 2, FrameEncoding.JPEG, new byte[0]);
        assertRejected(FrameRecordCodec.encode(emptyJpeg), RejectReason.UNKNOWN_ENCODING);
    }

    @Test
    void rejectsAMarkerWithAnImageEncoding() {
        byte[] b = FrameRecordCodec.encode(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, ID, 1, 0, 0));
        b[ENCODING_AT] = 1;
        assertRejected(b, RejectReason.UNKNOWN_ENCODING);
    }

    @Test
    void rejectsAnEmptyStreamId() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putShort(ID_LENGTH_AT, (short) 0);
        assertRejected(b, RejectReason.BAD_STREAM_ID);
    }

    @Test
    void rejectsAStreamIdLongerThanTheLimit() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putShort(ID_LENGTH_AT, (short) (FrameRecordCodec.MAX_STREAM_ID_BYTES + 1));
        assertRejected(b, RejectReason.BAD_STREAM_ID);
    }

    @Test
    void rejectsABlankStreamId() {
        FrameRecord blank = FrameRecord.frame("   ", 1, 0, 0, 320, 240, FrameEncoding.JPEG, new byte[] {1});
        assertRejected(FrameRecordCodec.encode(blank), RejectReason.BAD_STREAM_ID);
    }

    @Test
    void rejectsAStreamIdThatIsNotUtf8() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        b[ID_AT] = (byte) 0xC3; // a lead byte followed by ASCII
        assertRejected(b, RejectReason.BAD_STREAM_ID);
    }

    @Test
    void rejectsANegativeSeq() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putLong(SEQ_AT, -1);
        assertRejected(b, RejectReason.NEGATIVE_SEQ);
    }

    @Test
    void rejectsAPayloadLengthThatClaimsMoreThanTheRecordHas() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putInt(PAYLOAD_LENGTH_AT, 6);
        assertRejected(b, RejectReason.PAYLOAD_LENGTH_MISMATCH);
        ByteBuffer.wrap(b).putInt(PAYLOAD_LENGTH_AT, Integer.MAX_VALUE);
        assertRejected(b, RejectReason.PAYLOAD_LENGTH_MISMATCH);
    }

    @Test
    void rejectsAPayloadLengthThatClaimsLessThanTheRecordHas() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putInt(PAYLOAD_LENGTH_AT, 4);
        assertRejected(b, RejectReason.PAYLOAD_LENGTH_MISMATCH);
        ByteBuffer.wrap(b).putInt(PAYLOAD_LENGTH_AT, -5);
        assertRejected(b, RejectReason.PAYLOAD_LENGTH_MISMATCH);
    }

    @Test
    void rejectsAMarkerThatCarriesBytes() {
        byte[] marker = FrameRecordCodec.encode(FrameRecord.marker(FrameRecordKind.STREAM_EPOCH, ID, 1, 0, 0));
        byte[] b = Arrays.copyOf(marker, marker.length + 3);
        ByteBuffer.wrap(b).putInt(PAYLOAD_LENGTH_AT, 3);
        assertRejected(b, RejectReason.PAYLOAD_LENGTH_MISMATCH);
    }

    @Test
    void rejectsZeroAndNegativeDimensions() {
        byte[] zeroWidth = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(zeroWidth).putInt(WIDTH_AT, 0);
        assertRejected(zeroWidth, RejectReason.INVALID_DIMENSIONS);
        byte[] negativeHeight = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(negativeHeight).putInt(HEIGHT_AT, -240);
        assertRejected(negativeHeight, RejectReason.INVALID_DIMENSIONS);
    }

    @Test
    void rejectsTooManyPixels() {
        byte[] b = FrameRecordCodec.encode(jpegFrame());
        ByteBuffer.wrap(b).putInt(WIDTH_AT, 100_000).putInt(HEIGHT_AT, 100_000);
        assertRejected(b, RejectReason.TOO_MANY_PIXELS);
    }

    @Test
    void rejectsARecordLargerThanTheLimit() {
        FrameRecordCodec small = new FrameRecordCodec(new FrameRecordLimits(64, 1_000_000));
        byte[] big = FrameRecordCodec.encode(FrameRecord.frame(ID, 0, 0, 0, 320, 240, FrameEncoding.JPEG, new byte[100]));
        assertThatThrownBy(() -> small.decode(big))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.RECORD_TOO_LARGE));
    }

    @Test
    void rejectsRawRgbWhoseSizeIsNotWidthTimesHeightTimesThree() {
        FrameRecord wrong = FrameRecord.frame(ID, 0, 0, 0, 4, 2, FrameEncoding.RAW_RGB, new byte[4 * 2 * 3 - 1]);
        assertRejected(FrameRecordCodec.encode(wrong), RejectReason.RAW_SIZE_MISMATCH);
    }

    private void assertRejected(byte[] bytes, RejectReason reason) {
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.label() + ": ");
    }
}
