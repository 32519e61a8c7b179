package io.maskstream.operators.inference;

import io.maskstream.kit.reference.ReferenceModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image exemplars on the reference models (a closed colour vocabulary, {@link AppearanceExemplars}): a positive
 * exemplar's appearance comes from the pixels under its box, a negative one takes away what looks like it.
 */
class ReferenceExemplarsTest {
    private static final Shape GREEN_DISC = Shape.disc("green", 150, 60, 20);
    private static final Shape RED_DISC = Shape.disc("red", 260, 180, 25);
    private static final List<Shape> SHAPES = List.of(
            Shape.disc("red", 60, 60, 12),
            RED_DISC,
            Shape.disc("blue", 120, 150, 15),
            GREEN_DISC,
            Shape.rect("green", 40, 200, 12, 10),
            Shape.disc("yellow", 200, 130, 12));
    private static ModelBundle models;
    private static RgbImage frame;

    @BeforeAll
    static void open() {
        models = ReferenceModels.bundle(InferenceSettings.defaults());
        frame = new SyntheticScene(7).render(SHAPES, 1);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static Box boxOf(Shape s) {
        return s.mask().boundingBox();
    }

    private static List<Detection> detect(String concept, Exemplar... exemplars) {
        ConceptEmbedding e = concept.startsWith("image:") ? models.conceptEncoder().encodeImageOnly(concept)
                : models.conceptEncoder().encode(concept);
        return models.detector().detect(frame, List.of(e), Map.of(concept, List.of(exemplars)));
    }

    @Test
    void aPositiveExemplarAloneFindsEveryObjectThatLooksLikeThePixelsUnderItsBox() {
        Exemplar green = models.detector().exemplar(frame, boxOf(GREEN_DISC), true);
        assertThat(green.knownConcept()).isEqualTo("green");
        List<Detection> found = detect("image:1", green);
        assertThat(found).hasSize(2).allSatisfy(d -> assertThat(d.concept()).isEqualTo("image:1"));
        assertThat(found).anySatisfy(d -> assertThat(d.box().iou(boxOf(GREEN_DISC))).isGreaterThan(0.9));
    }

    @Test
    void anImageOnlyConceptWithoutExemplarsFindsNothing() {
        assertThat(detect("image:1")).isEmpty();
    }

    @Test
    void textAndAPositiveExemplarOfAnotherColourFindTheUnionUnderTheTextsName() {
        assertThat(detect("red")).hasSize(2);
        List<Detection> found = detect("red", models.detector().exemplar(frame, boxOf(GREEN_DISC), true));
        assertThat(found).hasSize(4).allSatisfy(d -> assertThat(d.concept()).isEqualTo("red"));
    }

    @Test
    void aNegativeExemplarTakesAwayTheInstancesThatLookLikeItAndAreOfItsSize() {
        Exemplar notRed = models.detector().exemplar(frame, boxOf(RED_DISC), false);
        List<Detection> red = detect("red", notRed);
        assertThat(red).hasSize(1); // the small red disc: same colour, a quarter of the area
        assertThat(red.get(0).box().iou(boxOf(RED_DISC))).isZero();
        Exemplar green = models.detector().exemplar(frame, boxOf(GREEN_DISC), true);
        Exemplar notGreen = models.detector().exemplar(frame, boxOf(GREEN_DISC), false);
        assertThat(detect("yellow", notGreen)).hasSize(1);
        assertThat(detect("image:1", green, notRed)).hasSize(2);
    }

    @Test
    void aPositiveExemplarOverBackgroundIsRefusedWithTheReason() {
        assertThatThrownBy(() -> models.detector().exemplar(frame, new Box(290, 10, 310, 30), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no detection of a known concept lies under the exemplar box");
    }
}
