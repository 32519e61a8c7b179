package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrackEval's input conventions, one per test. */
class LoadersTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private MetricsReport evalMot(String gt, String pred) throws IOException {
        TrackingSequence g = EvalFormat.MOT.load(file("gt.txt", gt), true, LoadOptions.DEFAULT);
        TrackingSequence p = EvalFormat.MOT.load(file("pred.txt", pred), false, LoadOptions.DEFAULT);
        return TrackingMetrics.evaluate(g, p);
    }

    @Test
    void motGroundTruthWithConsiderFlagZeroIsDroppedSoAPredictionOnItIsAFalsePositive() throws IOException {
        MetricsReport r = evalMot("1,1,0,0,10,10,0,1,1\n1,2,50,0,10,10,1,1,1\n",
                "1,7,0,0,10,10,0.9,-1,-1,-1\n1,8,50,0,10,10,0.9,-1,-1,-1\n");
        assertThat(r.gtDets()).isEqualTo(1);
        assertThat(r.clrTp()).isEqualTo(1);
        assertThat(r.clrFp()).isEqualTo(1);
    }

    @Test
    void motPredictionConfidenceIsIgnored() throws IOException {
        MetricsReport r = evalMot("1,1,0,0,10,10,1,1,1\n", "1,1,0,0,10,10,0.0001,-1,-1,-1\n");
        assertThat(r.clrTp()).isEqualTo(1);
        assertThat(r.hota()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void motPredictionOnADistractorIsNeitherMatchNorFalsePositive() throws IOException {
        // class 7 = static person
        MetricsReport r = evalMot("1,1,0,0,10,10,1,7,1\n1,2,50,0,10,10,1,1,1\n",
                "1,7,0,0,10,10,1,-1,-1,-1\n1,8,50,0,10,10,1,-1,-1,-1\n");
        assertThat(r.clrFp()).isZero();
        assertThat(r.predDets()).isEqualTo(1);
        assertThat(r.mota()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void motBoxIouIsContinuous() throws IOException {
        // [0,10) and [5,15) overlap by 5 × 10 = 50; union 150 (no +1 pixel): IoU 1/3, below 0.5.
        MetricsReport r = evalMot("1,1,0,0,10,10,1,1,1\n", "1,1,5,0,10,10,1,-1,-1,-1\n");
        assertThat(r.clrTp()).isZero();
        assertThat(r.locA()).isCloseTo((6 * (1.0 / 3) + 13 * 1.0) / 19, within(1e-12)); // matched for α ≤ 0.30
    }

    @Test
    void motPredictionOfAnotherClassIsRejected() {
        assertThatThrownBy(() -> evalMot("1,1,0,0,10,10,1,1,1\n", "1,1,0,0,10,10,1,3,1\n"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("pedestrians");
    }

    @Test
    void motFramesAreOneBased() throws IOException {
        TrackingSequence s = EvalFormat.MOT.load(file("s.txt", "3 5 1 2 3 4 1 1 1\n"), true, LoadOptions.DEFAULT);
        assertThat(s.frameCount()).isEqualTo(3);
        assertThat(s.frame(2).objects()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(5);
            assertThat(o.box()).isEqualTo(new BoxRegion(1, 2, 3, 4));
        });
    }

    private static String motsRow(int frame, int id, int cls, Mask m) {
        return frame + " " + id + " " + cls + " " + m.height() + " " + m.width() + " " + m.toRle().toCompressedString() + "\n";
    }

    @Test
    void motsUnmatchedPredictionMostlyInsideAnIgnoreRegionIsDropped() throws IOException {
        Mask person = Mask.rectangle(20, 40, 0, 0, 10, 10);
        Mask ignore = Mask.rectangle(20, 40, 20, 0, 40, 20);
        Mask inIgnore = Mask.rectangle(20, 40, 22, 2, 30, 10); // IoA 1 with the ignore region
        Mask straddling = Mask.rectangle(20, 40, 14, 0, 22, 5); // IoA 2/8 = 0.25: stays a false positive
        Path gt = file("gt.txt", motsRow(1, 2001, 2, person) + motsRow(1, 10000, 10, ignore));
        Path pred = file("pred.txt", motsRow(1, 1, 2, person) + motsRow(1, 2, 2, inIgnore) + motsRow(1, 3, 2, straddling));
        MetricsReport r = TrackingMetrics.evaluate(EvalFormat.MOTS.load(gt, true, LoadOptions.DEFAULT),
                EvalFormat.MOTS.load(pred, false, LoadOptions.DEFAULT));
        assertThat(r.clrTp()).isEqualTo(1);
        assertThat(r.clrFp()).isEqualTo(1);
        assertThat(r.predDets()).isEqualTo(2);
    }

    @Test
    void motsClassFilterKeepsOneClass() throws IOException {
        Mask a = Mask.rectangle(20, 40, 0, 0, 10, 10), b = Mask.rectangle(20, 40, 20, 0, 30, 10);
        Path gt = file("gt.txt", motsRow(1, 1001, 1, a) + motsRow(1, 2001, 2, b));
        assertThat(EvalFormat.MOTS.load(gt, true, LoadOptions.DEFAULT).objectCount()).isEqualTo(2);
        assertThat(EvalFormat.MOTS.load(gt, true, new LoadOptions(2, null, null)).objectCount()).isEqualTo(1);
    }

    @Test
    void youTubeVisWithSeveralVideosNeedsAVideoId() throws IOException {
        Rle m = Mask.rectangle(4, 4, 0, 0, 2, 2).toRle();
        String seg = "{\"size\":[4,4],\"counts\":\"" + m.toCompressedString() + "\"}";
        Path gt = file("gt.json", "{\"videos\":[{\"id\":1,\"length\":2},{\"id\":2,\"length\":3}],\"annotations\":["
                + "{\"id\":7,\"video_id\":1,\"category_id\":1,\"segmentations\":[" + seg + ",null]},"
                + "{\"id\":8,\"video_id\":2,\"category_id\":1,\"segmentations\":[null,null," + seg + "]}]}");
        assertThatThrownBy(() -> EvalFormat.YTVIS.load(gt, true, LoadOptions.DEFAULT))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("--video-id");
        TrackingSequence v2 = EvalFormat.YTVIS.load(gt, true, new LoadOptions(null, 2, null));
        assertThat(v2.frameCount()).isEqualTo(3);
        assertThat(v2.frame(2).objects()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(8));
        assertThat(v2.frame(0).objects()).isEmpty();
    }

    @Test
    void youTubeVisAcceptsUncompressedCounts() throws IOException {
        Path pred = file("pred.json", "[{\"video_id\":1,\"category_id\":1,\"score\":0.5,"
                + "\"segmentations\":[{\"size\":[2,2],\"counts\":[1,2,1]}]}]");
        TrackingSequence s = EvalFormat.YTVIS.load(pred, false, LoadOptions.DEFAULT);
        assertThat(s.frame(0).objects().get(0).mask().area()).isEqualTo(2);
    }

    @Test
    void maskletsWithAnEmptyMaskAreNotDetectionsAndBoxesServeBoxGroundTruth() throws IOException {
        String empty = Mask.empty(20, 40).toRle().toCompressedString();
        String full = Mask.rectangle(20, 40, 0, 0, 10, 10).toRle().toCompressedString();
        Path pred = file("m.jsonl",
                "{\"streamId\":\"a\",\"seq\":0,\"width\":40,\"height\":20,\"objects\":["
                        + "{\"id\":1,\"box\":[0,0,10,10],\"mask\":{\"size\":[20,40],\"counts\":\"" + full + "\"}},"
                        + "{\"id\":2,\"box\":[0,0,0,0],\"mask\":{\"size\":[20,40],\"counts\":\"" + empty + "\"}}]}\n");
        TrackingSequence p = EvalFormat.MASKLETS.load(pred, false, LoadOptions.DEFAULT);
        assertThat(p.frame(0).objects()).hasSize(1);
        TrackingSequence g = EvalFormat.MOT.load(file("gt.txt", "1,4,0,0,10,10,1,1,1\n"), true, LoadOptions.DEFAULT);
        MetricsReport r = TrackingMetrics.evaluate(g, p);
        assertThat(r.hota()).isCloseTo(1.0, within(1e-12));
        assertThat(r.jAndF()).isNaN();
    }

    @Test
    void maskletsWithSeveralStreamsNeedAStreamId() throws IOException {
        Path pred = file("m.jsonl", "{\"streamId\":\"a\",\"seq\":0,\"objects\":[]}\n{\"streamId\":\"b\",\"seq\":0,\"objects\":[]}\n");
        assertThatThrownBy(() -> EvalFormat.MASKLETS.load(pred, false, LoadOptions.DEFAULT))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("--stream-id");
        assertThat(EvalFormat.MASKLETS.load(pred, false, new LoadOptions(null, null, "b")).frameCount()).isEqualTo(1);
    }

    @Test
    void maskletsAreReadFromASinkDirectoryByStreamIdUsingFinishedFilesOnly() throws IOException {
        Path sink = Files.createDirectories(dir.resolve("out"));
        Path cam1 = Files.createDirectories(sink.resolve("cam-1")), cam2 = Files.createDirectories(sink.resolve("cam-2"));
        Files.writeString(cam1.resolve("masklets-a-0.jsonl"), "{\"streamId\":\"cam-1\",\"seq\":0,\"objects\":[]}\n");
        Files.writeString(cam1.resolve("masklets-a-1.jsonl"), "{\"streamId\":\"cam-1\",\"seq\":1,\"objects\":[]}\n");
        Files.writeString(cam1.resolve(".masklets-a-2.jsonl.inprogress.f00"),
                "{\"streamId\":\"cam-1\",\"seq\":7,\"objects\":[]}\n");
        Files.writeString(cam2.resolve("masklets-b-0.jsonl"), "{\"streamId\":\"cam-2\",\"seq\":4,\"objects\":[]}\n");

        assertThat(EvalFormat.MASKLETS.load(sink, false, new LoadOptions(null, null, "cam-1")).frameCount()).isEqualTo(2);
        assertThatThrownBy(() -> EvalFormat.MASKLETS.load(sink, false, LoadOptions.DEFAULT))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("--stream-id").hasMessageContaining("cam-2");
    }

    @Test
    void boxGroundTruthAgainstMaskOnlyPredictionsCannotBeCompared() throws IOException {
        TrackingSequence g = EvalFormat.MOT.load(file("gt.txt", "1,4,0,0,10,10,1,1,1\n"), true, LoadOptions.DEFAULT);
        TrackingSequence p = EvalFormat.MOTS.load(
                file("p.txt", motsRow(1, 1, 2, Mask.rectangle(20, 40, 0, 0, 10, 10))), false, LoadOptions.DEFAULT);
        assertThatThrownBy(() -> TrackingMetrics.evaluate(g, p)).isInstanceOf(EvaluationException.class);
    }

    @Test
    void duplicateIdWithinAFrameIsRejected() {
        assertThatThrownBy(() -> evalMot("1,1,0,0,10,10,1,1,1\n1,1,20,0,10,10,1,1,1\n", "1,1,0,0,10,10,1,-1,-1,-1\n"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("more than once");
    }
}
