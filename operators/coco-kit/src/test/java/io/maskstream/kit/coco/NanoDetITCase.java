package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped detector on the committed 768×576 vtest excerpt (frame 0: three pedestrians on the path). */
class NanoDetITCase {
    private static final Path EXCERPT = Path.of("../../samples/vtest-150.avi");
    private static RgbImage frame0;
    private static NanoDet detector;

    @BeforeAll
    static void open() throws IOException {
        try (VideoFileSource source = VideoFileSource.file(EXCERPT.toString())) {
            frame0 = source.read();
        }
        detector = NanoDet.open(InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsThePedestriansAsUprightPersonBoxesInsideTheFrame() {
        List<CocoDetection> persons = detector.detect(frame0, 0.5f).stream()
                .filter(d -> d.classId() == CocoClasses.resolve("person")).toList();

        assertThat(persons).hasSize(3);
        assertThat(persons).allSatisfy(d -> {
            assertThat(d.x0()).isGreaterThanOrEqualTo(0f);
            assertThat(d.y0()).isGreaterThanOrEqualTo(0f);
            assertThat(d.x1()).isLessThanOrEqualTo(768f);
            assertThat(d.y1()).isLessThanOrEqualTo(576f);
            assertThat(d.height()).isGreaterThan(1.5f * d.width());
            assertThat(d.score()).isBetween(0.5f, 1f);
        });
    }

    @Test
    void theSameFrameGivesTheSameDetectionsAlsoFromAnotherInstance() {
        List<CocoDetection> first = detector.detect(frame0, 0.3f);
        List<CocoDetection> again = detector.detect(frame0, 0.3f);
        List<CocoDetection> other;
        try (NanoDet second = NanoDet.open(InferenceSettings.defaults())) {
            other = second.detect(frame0, 0.3f);
        }

        assertThat(again).isEqualTo(first);
        assertThat(other).isEqualTo(first);
        assertThat(first).isSortedAccordingTo(NanoDetDecoder.ORDER);
    }

    @Test
    void perClassThresholdsKeepOnlyTheWantedClasses() {
        float[] thresholds = new float[CocoClasses.count()];
        Arrays.fill(thresholds, 2f);
        thresholds[CocoClasses.resolve("car")] = 0.3f;
        thresholds[CocoClasses.resolve("person")] = 0.7f;

        List<CocoDetection> found = detector.detect(frame0, thresholds);

        assertThat(found).isNotEmpty().allSatisfy(d -> assertThat(d.score()).isGreaterThanOrEqualTo(
                thresholds[d.classId()]));
        assertThat(found).extracting(CocoDetection::className).containsOnly("car", "person").contains("car", "person");
    }

    @Test
    void aMissingModelFileFailsNamingIt() {
        assertThatThrownBy(() -> NanoDet.open(Path.of("no/such/nanodet.onnx"), InferenceSettings.defaults()))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("no/such/nanodet.onnx");
    }
}
