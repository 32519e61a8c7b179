package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceDetectorTest {
    private static ModelBundle models;

    private static final List<Shape> SHAPES = List.of(
            Shape.disc("red", 60, 60, 8),
            Shape.rect("red", 200, 50, 30, 20),
            Shape.disc("red", 260, 180, 25),
            Shape.disc("blue", 120, 150, 15),
            Shape.rect("blue", 40, 200, 10, 12),
            Shape.disc("green", 150, 60, 20),
            Shape.rect("orange", 110, 95, 14, 9),
            Shape.disc("yellow", 200, 130, 12),
            Shape.rect("magenta", 290, 100, 9, 25),
            Shape.disc("white", 30, 130, 10));

    @BeforeAll
    static void open() {
        models = ReferenceModels.bundle(InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void findsEveryObjectOfThePromptedColourAndNoOther() {
        RgbImage frame = new SyntheticScene(7).render(SHAPES, 1);
        for (String colour : List.of("red", "blue", "green", "orange", "yellow", "magenta", "white")) {
            List<Detection> dets = models.detector().detect(frame, List.of(models.conceptEncoder().encode(colour)));
            List<Shape> expected = SHAPES.stream().filter(s -> s.colour().equals(colour)).toList();
            assertThat(dets).as(colour).hasSize(expected.size());
            for (Shape s : expected) {
                Box truth = s.mask().boundingBox();
                assertThat(dets).as(colour + " at " + s.cx() + "," + s.cy())
                        .anySatisfy(d -> assertThat(d.box().iou(truth)).isGreaterThanOrEqualTo(0.9));
            }
            assertThat(dets).allSatisfy(d -> {
                assertThat(d.concept()).isEqualTo(colour);
                assertThat(d.score()).isBetween(0.5f, 1f);
                assertThat(d.mask().width()).isEqualTo(frame.width());
                assertThat(d.mask().height()).isEqualTo(frame.height());
            });
        }
    }

    @Test
    void findsTheObjectsInAJpegDecodedFrame() {
        RgbImage frame = new SyntheticScene(8).renderJpeg(SHAPES, 4);
        for (String colour : List.of("red", "blue", "yellow")) {
            List<Detection> dets = models.detector().detect(frame, List.of(models.conceptEncoder().encode(colour)));
            List<Shape> expected = SHAPES.stream().filter(s -> s.colour().equals(colour)).toList();
            assertThat(dets).as(colour).hasSize(expected.size());
            for (Shape s : expected) {
                assertThat(dets).anySatisfy(d -> assertThat(d.box().iou(s.mask().boundingBox())).isGreaterThanOrEqualTo(0.9));
            }
        }
    }

    @Test
    void detectionsOfSeveralConceptsAreSortedByScore() {
        RgbImage frame = new SyntheticScene(7).render(SHAPES, 2);
        List<Detection> dets = models.detector().detect(frame,
                List.of(models.conceptEncoder().encode("blue"), models.conceptEncoder().encode("red")));
        assertThat(dets).hasSize(5);
        for (int i = 1; i < dets.size(); i++) {
            assertThat(dets.get(i - 1).score()).isGreaterThanOrEqualTo(dets.get(i).score());
        }
    }

    @Test
    void aStripedWhiteSquareIsOneInstanceWithItsWholeOutline() throws Exception {
        // The flicker scene's white square: diagonal stripes at 85 % shade, noise, JPEG quality 90.
        var scene = Scenarios.create("flicker", SceneSettings.defaults());
        for (int i : new int[] {0, 30, 60}) {
            RgbImage frame = Images.toRgbImage(ImageIO.read(new ByteArrayInputStream(Images.encodeJpeg(scene.frame(i), 90))));
            var square = scene.groundTruth(i).stream().filter(o -> o.concept().equals("white")).findFirst().orElseThrow();
            List<Detection> dets = models.detector().detect(frame, List.of(models.conceptEncoder().encode("white")));
            assertThat(dets).as("frame %d", i).hasSize(1);
            assertThat(dets.get(0).mask().iou(square.mask())).as("frame %d", i).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void twoSameColouredDiscsAFewPixelsApartStayTwoInstances() {
        // 20-px discs whose outlines are 6 px apart: the closing that mends texture stripes must not bridge them.
        List<Shape> pair = List.of(Shape.disc("red", 100, 120, 10), Shape.disc("red", 126, 120, 10));
        RgbImage frame = new SyntheticScene(9).renderJpeg(pair, 5);
        assertThat(models.detector().detect(frame, List.of(models.conceptEncoder().encode("red")))).hasSize(2);
    }

    @Test
    void detectionIsDeterministic() {
        RgbImage frame = new SyntheticScene(7).render(SHAPES, 3);
        List<ConceptEmbedding> red = List.of(models.conceptEncoder().encode("red"));
        assertThat(models.detector().detect(frame, red)).isEqualTo(models.detector().detect(frame, red));
    }

    @Test
    void aConceptOutsideTheVocabularyIsATypedError() {
        assertThatThrownBy(() -> models.conceptEncoder().encode("chartreuse"))
                .isInstanceOf(UnknownConceptException.class)
                .hasMessageContaining("'chartreuse'");
    }

    @Test
    void conceptsAreCaseInsensitive() {
        assertThat(models.conceptEncoder().encode("Red").features())
                .isEqualTo(models.conceptEncoder().encode("red").features());
    }
}
