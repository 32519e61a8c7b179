package io.maskstream.state.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.record.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawRecordTest {
    private static final FrameRecord FRAME =
            FrameRecord.frame("cam-1", 3, 0, 1000L, 2, 2, FrameEncoding.JPEG, new byte[] {1, 2});

    @Test
    void aFrameWhoseKeyIsItsStreamIdDecodes() throws Exception {
        RawFrameRecord raw = new RawFrameRecord(bytes("cam-1"), FrameRecordCodec.encode(FRAME), "frames", 0, 7, 99);
        assertThat(raw.decode(new FrameRecordCodec())).isEqualTo(FRAME);
    }

    @Test
    void aFrameWithoutKeyDecodes() throws Exception {
        RawFrameRecord raw = new RawFrameRecord(null, FrameRecordCodec.encode(FRAME), "frames", 0, 7, 99);
        assertThat(raw.decode(new FrameRecordCodec())).isEqualTo(FRAME);
    }

    @Test
    void aFrameUnderAnotherStreamsKeyIsRejected() {
        RawFrameRecord raw = new RawFrameRecord(bytes("cam-2"), FrameRecordCodec.encode(FRAME), "frames", 0, 7, 99);
        assertThatThrownBy(() -> raw.decode(new FrameRecordCodec()))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.KEY_MISMATCH));
    }

    @Test
    void aTombstoneIsRejectedNotThrown() {
        RawFrameRecord raw = new RawFrameRecord(bytes("cam-1"), null, "frames", 0, 7, 99);
        assertThatThrownBy(() -> raw.decode(new FrameRecordCodec())).isInstanceOf(RecordRejectedException.class);
    }

    @Test
    void theDeadLetterKeepsTheOrigin() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        RawFrameRecord raw = new RawFrameRecord(bytes("cam-1"), garbage, "frames", 1, 42, 1234);
        DeadLetter d = raw.deadLetter(new RecordRejectedException(RejectReason.BAD_MAGIC, "magic 0x01020304"));
        assertThat(d).isEqualTo(new DeadLetter(
                "bad-magic", "magic 0x01020304", "frames", 1, 42, 1234, "cam-1", bytes("cam-1"), garbage));
    }

    @Test
    void aPromptUnderAnotherStreamsKeyIsRejected() {
        byte[] json = PromptCommandJson.encode(PromptCommand.setConcepts("cam-1", List.of("dog"), null));
        RawPromptRecord raw = new RawPromptRecord(bytes("cam-9"), json, "prompts", 0, 0, 0);
        assertThatThrownBy(raw::decode)
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.KEY_MISMATCH));
    }

    @Test
    void aPromptDecodes() throws Exception {
        PromptCommand p = PromptCommand.addConcept("cam-1", "dog", 4L);
        RawPromptRecord raw = new RawPromptRecord(bytes("cam-1"), PromptCommandJson.encode(p), "prompts", 0, 0, 0);
        assertThat(raw.decode()).isEqualTo(p);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
