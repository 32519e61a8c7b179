package io.maskstream.state.record;

import io.maskstream.state.tracking.MaskletEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.Mask;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskletFrameJsonTest {

    static MaskletFrame example() {
        Mask m = Mask.rectangle(4, 6, 1, 1, 3, 3);
        return new MaskletFrame("cam-1", 42, 1_700_000_000_000L, 1_700_000_000_600L, 6, 4, List.of(
                new MaskletObject(1, "person", 0.9312f, new float[] {1, 1, 2, 2}, RleMask.of(m),
                        List.of(MaskletEvent.STARTED, MaskletEvent.CONFIRMED)),
                new MaskletObject(2, "red ball", 0.5f, new float[] {0, 0, 0.25f, 10.5f},
                        RleMask.of(Mask.empty(4, 6)), List.of())));
    }

    @Test
    void writesTheDocumentedBytes() {
        assertThat(new String(MaskletFrameJson.toJson(example()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"streamId\":\"cam-1\",\"seq\":42,\"captureTime\":1700000000000,\"emitTime\":1700000000600,"
                        + "\"width\":6,\"height\":4,\"objects\":["
                        + "{\"id\":1,\"concept\":\"person\",\"score\":0.9312,\"box\":[1,1,2,2],"
                        + "\"mask\":{\"size\":[4,6],\"counts\":\"5220;\"},\"events\":[\"started\",\"confirmed\"]},"
                        + "{\"id\":2,\"concept\":\"red ball\",\"score\":0.5,\"box\":[0,0,0.25,10.5],"
                        + "\"mask\":{\"size\":[4,6],\"counts\":\"h0\"},\"events\":[]}]}");
    }

    @Test
    void roundTrips() {
        assertThat(MaskletFrameJson.fromJson(MaskletFrameJson.toJson(example()))).isEqualTo(example());
    }

    @Test
    void writesTheMaskSourceAfterTheEventsOnlyWhenTheKitNamesOne() {
        MaskletFrame f = new MaskletFrame("cam-1", 1, 0, 0, 6, 4, List.of(
                new MaskletObject(1, "person", 1f, new float[] {1, 1, 2, 2}, RleMask.of(Mask.rectangle(4, 6, 1, 1, 3, 3)),
                        List.of(), "box")));
        String json = new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8);
        assertThat(json).contains("\"events\":[],\"maskSource\":\"box\"}");
        assertThat(MaskletFrameJson.fromJson(MaskletFrameJson.toJson(f))).isEqualTo(f);
        assertThat(new String(MaskletFrameJson.toJson(example()), StandardCharsets.UTF_8)).doesNotContain("maskSource");
    }

    @Test
    void writesTheInstructionsLastAndOnlyWhenTheObjectSatisfiesSome() {
        MaskletFrame f = new MaskletFrame("cam-1", 1, 0, 0, 6, 4, List.of(
                new MaskletObject(1, "person", 1f, new float[] {1, 1, 2, 2}, RleMask.of(Mask.rectangle(4, 6, 1, 1, 3, 3)),
                        List.of(), "box", List.of("left", "the two largest"))));
        String json = new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8);
        assertThat(json).contains("\"maskSource\":\"box\",\"instructions\":[\"left\",\"the two largest\"]}");
        assertThat(MaskletFrameJson.fromJson(MaskletFrameJson.toJson(f))).isEqualTo(f);
        assertThat(new String(MaskletFrameJson.toJson(example()), StandardCharsets.UTF_8)).doesNotContain("instructions");
    }

    @Test
    void roundsScoreToFourAndBoxToTwoDecimals() {
        MaskletFrame f = frameWith(0.123456f, new float[] {1.004f, 2.005f, 3.999f, -0.001f});
        String json = new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8);
        assertThat(json).contains("\"score\":0.1235,").contains("\"box\":[1,2.01,4,0]");
    }

    @Test
    void printingIsIdempotentSoReplaysGiveIdenticalBytes() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            float[] box = {(float) r.nextDouble(0, 2000), (float) r.nextDouble(0, 2000), (float) r.nextDouble(0, 500),
                    (float) r.nextDouble(0, 500)};
            MaskletFrame f = frameWith((float) r.nextDouble(), box);
            byte[] once = MaskletFrameJson.toJson(f);
            byte[] twice = MaskletFrameJson.toJson(MaskletFrameJson.fromJson(once));
            assertThat(twice).isEqualTo(once);
            assertThat(MaskletFrameJson.toJson(f)).isEqualTo(once);
        }
    }

    /**
     * The mask is pycocotools' compressed RLE, not just any RLE that round-trips: an L (column 0 and
     * row 3 of a 4×3 image) is written as "043M00" (derived from maskApi.c in state's RleTest), and
     * pycocotools' own string for mask[20:25, 20:25] of a 25×25 image, "X`05d00000000"
     * (twsl/pytorchcocotools tests/mask/test_encode.py, asserted there equal to pycocotools' encode),
     * reads as that square.
     */
    @Test
    void theMaskIsPycocotoolsCompressedRle() {
        Mask l = Mask.fromRows(new boolean[][] {
                {true, false, false}, {true, false, false}, {true, false, false}, {true, true, true}});
        MaskletFrame written = new MaskletFrame("s", 1, 2, 3, 3, 4, List.of(
                new MaskletObject(1, "c", 0.5f, new float[] {0, 0, 3, 4}, RleMask.of(l), List.of())));
        assertThat(new String(MaskletFrameJson.toJson(written), StandardCharsets.UTF_8))
                .contains("\"mask\":{\"size\":[4,3],\"counts\":\"043M00\"}");

        MaskletFrame read = MaskletFrameJson.fromJson(("{\"streamId\":\"s\",\"seq\":1,\"captureTime\":2,"
                + "\"emitTime\":3,\"width\":25,\"height\":25,\"objects\":[{\"id\":1,\"concept\":\"c\","
                + "\"score\":0.5,\"box\":[20,20,5,5],\"mask\":{\"size\":[25,25],\"counts\":\"X`05d00000000\"},"
                + "\"events\":[]}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(read.objects().get(0).mask().toRle().decode()).isEqualTo(Mask.rectangle(25, 25, 20, 20, 25, 25));
    }

    @Test
    void rejectsNonFiniteScores() {
        assertThatThrownBy(() -> MaskletFrameJson.toJson(frameWith(Float.NaN, new float[4])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseErrorsNameTheField() {
        assertThatThrownBy(() -> MaskletFrameJson.fromJson("{\"streamId\":\"s\",\"objects\":[]}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'seq'");
    }

    private static MaskletFrame frameWith(float score, float[] box) {
        return new MaskletFrame("s", 1, 2, 3, 6, 4, List.of(
                new MaskletObject(1, "c", score, box, RleMask.of(Mask.empty(4, 6)), List.of(MaskletEvent.ENDED))));
    }
}
