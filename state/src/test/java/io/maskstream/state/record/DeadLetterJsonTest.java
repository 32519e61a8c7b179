package io.maskstream.state.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    @Test
    void roundTripsWithBinaryBytes() {
        DeadLetter d = new DeadLetter("bad-magic", "magic 0x00000000", "frames", 2, 17L, 1_700_000_000_000L, "cam-1",
                "cam-1".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xFF, 10, 13, '"'});
        assertThat(DeadLetterJson.fromJson(DeadLetterJson.toJson(d))).isEqualTo(d);
    }

    @Test
    void roundTripsWithoutKeyValueOrStream() {
        DeadLetter d = new DeadLetter("bad-prompt", "record is empty", "prompts", 0, 0L, 0L, null, null, null);
        assertThat(DeadLetterJson.fromJson(DeadLetterJson.toJson(d))).isEqualTo(d);
    }

    @Test
    void writesTheDocumentedShape() {
        DeadLetter d = new DeadLetter("truncated-header", "record has 3 bytes", "frames", 0, 5L, 9L, null,
                null, new byte[] {1, 2, 3});
        assertThat(new String(DeadLetterJson.toJson(d), StandardCharsets.UTF_8)).isEqualTo(
                "{\"reason\":\"truncated-header\",\"detail\":\"record has 3 bytes\",\"topic\":\"frames\","
                        + "\"partition\":0,\"offset\":5,\"time\":9,\"streamId\":null,\"key\":null,\"value\":\"AQID\"}");
    }

    @Test
    void isMadeFromARejection() {
        RecordRejectedException e = new RecordRejectedException(RejectReason.BAD_MAGIC, "magic 0x58534652");
        DeadLetter d = DeadLetter.of(e, "frames", 1, 2L, 3L, "cam-1", null, new byte[] {9});
        assertThat(d.reason()).isEqualTo("bad-magic");
        assertThat(d.detail()).isEqualTo("magic 0x58534652");
    }
}
