package io.maskstream.connectors.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YouTubeVisWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Mask A = Mask.rectangle(6, 8, 1, 1, 4, 3);
    private static final Mask B = Mask.rectangle(6, 8, 5, 2, 8, 6);

    static MaskletObject object(int id, String concept, float score, Mask m) {
        return new MaskletObject(id, concept, score, new float[] {0, 0, 1, 1},
                new RleMask(m.height(), m.width(), m.toRle().toCompressedString()), List.of());
    }

    /** A kit's concept order: red 1, green 2, blue 3. */
    private static final List<String> ORDER = List.of("red", "green", "blue");

    static List<MaskletFrame> frames() {
        return List.of(
                new MaskletFrame("v", 0, 0, 0, 8, 6, List.of(object(1, "red", 0.8f, A))),
                new MaskletFrame("v", 1, 0, 0, 8, 6, List.of(object(1, "red", 0.6f, A), object(2, "blue", 0.9f, B))),
                new MaskletFrame("v", 2, 0, 0, 8, 6, List.of(object(2, "blue", 0.9f, B))));
    }

    @Test
    void resultsAreOneTrackPerMaskletWithASegmentationOrNullPerFrame() throws IOException {
        JsonNode results = JSON.readTree(YouTubeVisWriter.resultsJson(3, 4, frames(), ORDER));
        assertThat(results).hasSize(2);
        JsonNode red = results.get(0);
        assertThat(red.get("video_id").asInt()).isEqualTo(3);
        assertThat(red.get("category_id").asInt()).isEqualTo(1);
        assertThat(red.get("score").asDouble()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
        JsonNode segs = red.get("segmentations");
        assertThat(segs).hasSize(4);
        assertThat(segs.get(0).get("counts").asText()).isEqualTo(A.toRle().toCompressedString());
        assertThat(segs.get(0).get("size").toString()).isEqualTo("[6,8]");
        assertThat(segs.get(2).isNull()).isTrue();
        assertThat(segs.get(3).isNull()).isTrue();
        assertThat(results.get(1).get("category_id").asInt()).isEqualTo(3); // blue
    }

    @Test
    void groundTruthHasVideosCategoriesAndAnnotationsWithUncompressedRle() throws IOException {
        JsonNode gt = JSON.readTree(YouTubeVisWriter.groundTruthJson("scene", 1, 8, 6, 3, frames(), ORDER));
        JsonNode video = gt.get("videos").get(0);
        assertThat(video.get("length").asInt()).isEqualTo(3);
        assertThat(video.get("file_names").get(2).asText()).isEqualTo("scene/00002.jpg");
        assertThat(gt.get("categories").get(0).get("name").asText()).isEqualTo("red");
        JsonNode blue = gt.get("annotations").get(1);
        assertThat(blue.get("id").asInt()).isEqualTo(2);
        assertThat(blue.get("category_id").asInt()).isEqualTo(3);
        assertThat(blue.get("segmentations").get(0).isNull()).isTrue();
        JsonNode seg = blue.get("segmentations").get(1);
        int[] counts = JSON.treeToValue(seg.get("counts"), int[].class);
        assertThat(Rle.ofCounts(6, 8, counts).decode()).isEqualTo(B);
        assertThat(blue.get("areas").get(1).asInt()).isEqualTo(B.area());
        assertThat(blue.get("bboxes").get(1).toString()).isEqualTo("[5,2,3,4]");
    }

    @Test
    void conceptsOutsideTheFixedOrderFollowItByName() throws IOException {
        JsonNode results = JSON.readTree(YouTubeVisWriter.resultsJson(1, 3, frames(), List.of("blue")));
        assertThat(results.get(0).get("category_id").asInt()).isEqualTo(2); // red, after blue
        assertThat(results.get(1).get("category_id").asInt()).isEqualTo(1); // blue
    }

    @Test
    void theOutputIsByteIdenticalForTheSameInput() throws IOException {
        assertThat(YouTubeVisWriter.resultsJson(1, 3, frames(), ORDER))
                .isEqualTo(YouTubeVisWriter.resultsJson(1, 3, frames(), ORDER));
    }
}
