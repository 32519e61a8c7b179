package io.maskstream.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.image.RgbImage;
import org.junit.jupiter.api.Test;

class BenchInputsTest {
    private static final String VTEST = "../samples/vtest-150.avi";

    @Test
    void aVideoGivesItsFirstFramesAsJpegRecordsOfOneStreamWithTheirDecodedPixels() throws Exception {
        BenchInputs in = BenchInputs.fromVideo(VTEST, 5);

        assertThat(in.streamIds).hasSize(1);
        assertThat(in.frameCount()).isEqualTo(5);
        assertThat(in.records.get(0)).extracting(FrameRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(in.records.get(0)).allSatisfy(r -> {
            assertThat(r.encoding()).isEqualTo(FrameEncoding.JPEG);
            assertThat(r.width()).isEqualTo(768);
            assertThat(r.height()).isEqualTo(576);
        });
        assertThat(in.decoded.get(0)).hasSize(5).allSatisfy(image -> {
            assertThat(image.width()).isEqualTo(768);
            assertThat(image.height()).isEqualTo(576);
        });
        assertThat(in.concepts).containsExactly("person");
    }

    @Test
    void framesZeroReadsTheWholeVideo() throws Exception {
        assertThat(BenchInputs.fromVideo(VTEST, 0).frameCount()).isEqualTo(150);
    }
}
