package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NanoDetDecoderTest {
    private static final int PERSON = 0;
    private static final int CAR = 2;

    /** Sets cell (x, y) of {@code level}: {@code score} for {@code classId}, and edges {@code bins} strides away. */
    private static void put(NanoDetHeads heads, int level, int x, int y, int classId, float score, int... bins) {
        int cell = y * NanoDetHeads.grid(level) + x;
        heads.scores()[level][cell * CocoClasses.count() + classId] = score;
        float[] d = heads.distances()[level];
        for (int side = 0; side < 4; side++) {
            for (int b = 0; b < NanoDetHeads.BINS; b++) {
                // A sharp logit peak: the expected bin is the peak's bin to within 1e-6.
                d[cell * NanoDetHeads.DISTANCE_CHANNELS + side * NanoDetHeads.BINS + b] = b == bins[side] ? 40f : 0f;
            }
        }
    }

    @Test
    void boxEdgesLieTheExpectedBinTimesTheStrideFromTheCellCentre() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 1, 10, 5, PERSON, 0.8f, 1, 2, 3, 4); // stride 16, centre (168, 88)

        List<CocoDetection> found = NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0.5f));

        assertThat(found).hasSize(1);
        CocoDetection d = found.get(0);
        assertThat(d.classId()).isEqualTo(PERSON);
        assertThat(d.className()).isEqualTo("person");
        assertThat(d.score()).isEqualTo(0.8f);
        assertThat(d.x0()).isCloseTo(168 - 16, within(1e-3f));
        assertThat(d.y0()).isCloseTo(88 - 32, within(1e-3f));
        assertThat(d.x1()).isCloseTo(168 + 48, within(1e-3f));
        assertThat(d.y1()).isCloseTo(88 + 64, within(1e-3f));
    }

    @Test
    void expectedBinIsTheSoftmaxWeightedMeanOfTheBins() {
        float[] logits = new float[NanoDetHeads.BINS];
        logits[2] = (float) Math.log(3);
        logits[4] = (float) Math.log(3);
        // weights: 3 at bins 2 and 4, 1 at the other nine bins; mean = (6 + 12 + (55 - 6)) / 15
        assertThat(NanoDetDecoder.expectedBin(logits, 0)).isCloseTo(67f / 15f, within(1e-5f));
    }

    @Test
    void boxesAreScaledFromTheModelInputToTheFrameAndClippedToIt() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 2, 0, 12, CAR, 0.9f, 2, 1, 1, 2); // stride 32, centre (16, 400): left edge at -48, bottom at 464

        CocoDetection d = NanoDetDecoder.decode(heads, 768, 576, NanoDetDecoder.uniform(0.5f)).get(0);

        assertThat(d.x0()).isEqualTo(0f);
        assertThat(d.y0()).isCloseTo((400 - 32) * 576f / 416, within(1e-3f));
        assertThat(d.x1()).isCloseTo((16 + 32) * 768f / 416, within(1e-3f));
        assertThat(d.y1()).isEqualTo(576f);
    }

    @Test
    void aLowerScoredBoxOfTheSameClassOverlappingByMoreThanHalfIsSuppressed() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 0, 20, 20, PERSON, 0.9f, 2, 4, 2, 4);
        put(heads, 0, 21, 20, PERSON, 0.7f, 2, 4, 2, 4); // shifted one stride: IoU 0.6
        put(heads, 0, 21, 20, CAR, 0.6f, 2, 4, 2, 4);    // another class at the same place stays

        List<CocoDetection> found = NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0.5f));

        assertThat(found).extracting(CocoDetection::classId, CocoDetection::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PERSON, 0.9f),
                        org.assertj.core.groups.Tuple.tuple(CAR, 0.6f));
    }

    @Test
    void boxesOverlappingByHalfOrLessAreKept() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 0, 20, 20, PERSON, 0.9f, 2, 4, 2, 4);
        put(heads, 0, 22, 20, PERSON, 0.7f, 2, 4, 2, 4); // shifted two strides: IoU 1/3

        assertThat(NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0.5f))).hasSize(2);
    }

    @Test
    void eachClassKeepsOnlyScoresReachingItsOwnThreshold() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 0, 5, 5, PERSON, 0.55f, 1, 1, 1, 1);
        put(heads, 0, 30, 30, CAR, 0.9f, 1, 1, 1, 1);
        put(heads, 0, 40, 40, PERSON, 0.45f, 1, 1, 1, 1);
        float[] thresholds = new float[CocoClasses.count()];
        Arrays.fill(thresholds, 2f);
        thresholds[PERSON] = 0.5f;

        List<CocoDetection> found = NanoDetDecoder.decode(heads, 416, 416, thresholds);

        assertThat(found).extracting(CocoDetection::classId, CocoDetection::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PERSON, 0.55f));
    }

    @Test
    void equalScoresComeOutInClassThenBoxOrder() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        put(heads, 0, 40, 10, CAR, 0.75f, 1, 1, 1, 1);
        put(heads, 0, 30, 10, PERSON, 0.75f, 1, 1, 1, 1);
        put(heads, 0, 10, 10, PERSON, 0.75f, 1, 1, 1, 1);

        List<CocoDetection> found = NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0.5f));

        assertThat(found).extracting(CocoDetection::classId).containsExactly(PERSON, PERSON, CAR);
        assertThat(found.get(0).x0()).isLessThan(found.get(1).x0());
    }

    @Test
    void atMostAHundredDetectionsComeOutBestFirst() {
        NanoDetHeads heads = NanoDetHeads.allocate();
        int grid = NanoDetHeads.grid(0);
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                put(heads, 0, x, y, PERSON, 0.5f + (y * grid + x) * 1e-5f, 0, 0, 0, 0); // points: nothing overlaps
            }
        }

        List<CocoDetection> found = NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0.5f));

        assertThat(found).hasSize(NanoDetDecoder.MAX_DETECTIONS);
        assertThat(found.get(0).score()).isEqualTo(0.5f + (grid * grid - 1) * 1e-5f);
    }

    @Test
    void aThresholdOfZeroOrLessIsRejected() {
        NanoDetHeads heads = NanoDetHeads.allocate();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> NanoDetDecoder.decode(heads, 416, 416, NanoDetDecoder.uniform(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("person must be above 0");
    }
}
