package io.maskstream.state.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RleTest {
    private static final String MOTS_DOC_COUNTS =
            "WSV:2d;1O10000O10000O1O100O100O1O100O1000000000000000O100O102N5K00O1O1N2O110OO2O001O1NTga3";

    @Test
    void motsDocumentationLineDecodesAndReencodesToTheIdenticalString() {
        Rle rle = Rle.fromCompressedString(375, 1242, MOTS_DOC_COUNTS);
        Mask mask = rle.decode();
        assertThat(mask.area()).isEqualTo(rle.area()).isPositive();
        assertThat(Rle.encode(mask).toCompressedString()).isEqualTo(MOTS_DOC_COUNTS);
    }

    // The next two are pycocotools' own tests: cocodataset/cocoapi's PyPI fork ppwwyyxx/cocoapi,
    // tests/test_cases.py, testToBboxFullImage and testToBboxNonFullImage.
    @Test
    void toBboxOfTwoByTwoCornerMaskIsWholeImage() {
        Mask m = Mask.fromRows(new boolean[][] {{false, true}, {true, true}});
        assertThat(m.toRle().toBbox()).containsExactly(0, 0, 2, 2);
    }

    @Test
    void toBboxOfRowsTwoToThreeColumnsThreeToFive() {
        Mask m = Mask.rectangle(10, 10, 3, 2, 6, 4);
        assertThat(m.toRle().toBbox()).containsExactly(3, 2, 3, 2);
        Box box = m.boundingBox();
        assertThat(box).isEqualTo(new Box(3, 2, 6, 4));
    }

    /**
     * pycocotools' output for 5×5 squares in a 25×25 image ({@code mask[a:b, a:b] = 1}): the counts
     * strings of twsl/pytorchcocotools tests/mask/test_encode.py (EncodeCases; its test_encode_np
     * asserts them equal to {@code pycocotools.mask.encode}) and the bboxes of tests/mask/test_to_bbox.py
     * (asserted equal to {@code pycocotools.mask.toBbox}). Symmetric, so they pin the character
     * encoding, the runs and the delta on counts[i-2], not the pixel order (the asymmetric masks do).
     */
    @ParameterizedTest(name = "mask[{0}:{1}, {0}:{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "0  | 5  | 05d00000000d?  | 0  | 0  | 5  | 5",
            "5  | 10 | R45d00000000b; | 5  | 5  | 5  | 5",
            "20 | 25 | X`05d00000000  | 20 | 20 | 5  | 5",
            "0  | 25 | 0ac0           | 0  | 0  | 25 | 25"})
    void squaresEncodeAsPycocotoolsPublishes(int from, int to, String counts, int x, int y, int w, int h) {
        Mask square = Mask.rectangle(25, 25, from, from, to, to);
        assertPycocotools(square, counts, (to - from) * (to - from), x, y, w, h);
    }

    /** cocodataset/cocoapi issue #135: {@code mask.encode(np.zeros([5, 10]))} prints {@code {'counts': b'b1', 'size': [5, 10]}}. */
    @Test
    void anEmptyFiveByTenMaskIsB1() {
        assertPycocotools(Mask.empty(5, 10), "b1", 0, 0, 0, 0, 0);
    }

    /** twsl/pytorchcocotools tests/mask/test_to_bbox.py, case_rect_area: a 25×35 mask, mask[10:25, 10:30] = 1. */
    @Test
    void aRectangleOnTheLastRowsHasPycocotoolsBbox() {
        assertThat(Mask.rectangle(25, 35, 10, 10, 30, 25).toRle().toBbox()).containsExactly(10, 10, 20, 15);
    }

    /*
     * Asymmetric masks: no published pycocotools output was found for these shapes, so the counts are
     * derived by hand from maskApi.c (rleEncode: pixels in column-major order, index = x * h + y, runs
     * alternating from a run of zeros; rleToString: for i > 2 write counts[i] - counts[i-2], else
     * counts[i]; each value in 5-bit groups, low first, a group gets 0x20 while more follow, where
     * "more" is x != 0 after the shift, or x != -1 if the group's sign bit 0x10 is set; char = group + 48).
     * A row-major codec gives different strings for all three.
     */

    /**
     * One pixel at (row 0, col W−1) of a 3×4 image: column-major index 3 * 3 + 0 = 9, so counts
     * [9, 1, 2]: 9 → '9' (48 + 9), 1 → '1', 2 → '2' (i = 2: no delta). Row-major would give index 3,
     * counts [3, 1, 8], "318". Area 1, bbox [x 3, y 0, w 1, h 1].
     */
    @Test
    void aPixelInTheTopRightCornerIsColumnMajor() {
        assertPycocotools(mask("...#", "....", "...."), "912", 1, 3, 0, 1, 1);
    }

    /**
     * An L in a 4×3 image: column 0 full, row 3 full. Columns top to bottom: 1111 0001 0001, so counts
     * [0, 4, 3, 1, 3, 1]. 0 → '0', 4 → '4', 3 → '3'; i = 3: 1 − 4 = −3, group −3 & 31 = 29 (sign bit
     * set), −3 >> 5 = −1, so no more: 48 + 29 = 'M'; i = 4: 3 − 3 = 0 → '0'; i = 5: 1 − 1 = 0 → '0'.
     * Area 6, bbox [0, 0, 3, 4].
     */
    @Test
    void anLShapeEncodesAsDerivedFromMaskApi() {
        assertPycocotools(mask("#..", "#..", "#..", "###"), "043M00", 6, 0, 0, 3, 4);
    }

    /**
     * Columns 1..3 of the last row of a 3×5 image: indices 1 * 3 + 2 = 5, 8, 11, so counts
     * [5, 1, 2, 1, 2, 1, 3] (3 trailing zeros: 12, 13, 14). '5', '1', '2', then deltas 1 − 1, 2 − 2,
     * 1 − 1 → '0', '0', '0', and 3 − 2 = 1 → '1'. Area 3, bbox [1, 2, 3, 1].
     */
    @Test
    void aBarOnTheLastRowEncodesAsDerivedFromMaskApi() {
        assertPycocotools(mask(".....", ".....", ".###."), "5120001", 3, 1, 2, 3, 1);
    }

    /**
     * pycocotools' testZeroLeadingRLE (ppwwyyxx/cocoapi tests/test_cases.py): counts with three leading
     * zero runs decode, and the bbox of the re-encoded mask equals the bbox of the original RLE;
     * pycocotools' encoder writes the same runs without the two empty ones, i.e. the string minus its
     * leading "00" (twsl/pytorchcocotools tests/original/test_special_maskutil.py asserts that).
     */
    @Test
    void zeroLeadingCountsDecodeAsInPycocotoolsTests() {
        Rle rle = Rle.fromCompressedString(1350, 1080, ZERO_LEADING_COUNTS);
        Rle again = Rle.encode(rle.decode());
        assertThat(again.toBbox()).containsExactly(rle.toBbox());
        assertThat(again.toCompressedString()).isEqualTo(ZERO_LEADING_COUNTS.substring(2));
    }

    private static final String ZERO_LEADING_COUNTS = "000lg0Zb01O00001O00001O001O00001O00001O001O00001O01O2N3M3M3M2N3M3N2M3M2N1O1O1O1O2N1O1O1O2N1O1O101N1O1O1O2N1O1O1O2N3M2N1O2N1O2O0O2N1O1O2N1O2N1O2N1O2N1O2N1O2O0O2N1O3M2N1O2N2N2N2N2N1O2N2N2N2N1O2N2N2N2N2N1N3N2N00O1O1O1O100000000000000O100000000000000001O0000001O00001O0O5L7I5K4L4L3M2N2N2N1O2m]OoXOm`0Sg0j^OVYOTa0lf0c^O]YO[a0ef0\\^OdYOba0bg0N2N2N2N2N2N2N2N2N2N2N2N2N2N2N2N2N3M2M4M2N3M2N3M2N3M2N3M2N3M2N3M2N3M2N3M2M4M2N2N3M2M4M2N2N3M2M3N3M2N3M2M3N3M2N2N3L3N2N3M2N3L3N2N3M5J4M3M4L3M3L5L3M3M4L3L4\\EXTOd6jo0K6J5K6I4M1O1O1O1N2O1O1O001N2O00001O0O101O000O2O00001N101N101N2N101N101N101N2O0O2O0O2O0O2O1N101N2N2O1N2O1N2O1N101N2O1N2O1N2O0O2O1N2N2O1N2O0O2O1N2O1N2N2N1N4M2N2M4M2N3L3N2N3L3N3L3N2N3L3N2N3L3M4L3M3M4L3M5K5K5K6J5K5K6J7I7I7Ibijn0";

    /** Encodes and decodes against pycocotools' string, and checks its area and bbox [x, y, w, h]. */
    private static void assertPycocotools(Mask mask, String counts, int area, int x, int y, int w, int h) {
        Rle rle = Rle.encode(mask);
        assertThat(rle.toCompressedString()).as("counts").isEqualTo(counts);
        assertThat(Rle.fromCompressedString(mask.height(), mask.width(), counts).decode()).as("decoded").isEqualTo(mask);
        assertThat(rle.area()).as("area").isEqualTo(area);
        assertThat(rle.toBbox()).as("bbox").containsExactly(x, y, w, h);
    }

    /** A mask from rows of '#' (set) and '.' (clear). */
    static Mask mask(String... rows) {
        boolean[][] b = new boolean[rows.length][];
        for (int y = 0; y < rows.length; y++) {
            b[y] = new boolean[rows[y].length()];
            for (int x = 0; x < rows[y].length(); x++) {
                b[y][x] = rows[y].charAt(x) == '#';
            }
        }
        return Mask.fromRows(b);
    }

    @Test
    void countsStartWithAZeroRunWhenTheFirstPixelIsSet() {
        Mask m = Mask.fromRows(new boolean[][] {{true, false}, {false, false}});
        assertThat(m.toRle().counts()).containsExactly(0, 1, 3);
    }

    @Test
    void randomMasksRoundTripThroughRleAndString() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            Mask m = randomMask(random, 1 + random.nextInt(40), 1 + random.nextInt(40));
            Rle rle = m.toRle();
            assertThat(rle.decode()).isEqualTo(m);
            Rle parsed = Rle.fromCompressedString(m.height(), m.width(), rle.toCompressedString());
            assertThat(parsed).isEqualTo(rle);
            assertThat(rle.area()).isEqualTo(m.area());
        }
    }

    @Test
    void rleIouEqualsBitmapIouOnRandomMasks() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int h = 1 + random.nextInt(30), w = 1 + random.nextInt(30);
            Mask a = randomMask(random, h, w), b = randomMask(random, h, w);
            assertThat(a.toRle().iou(b.toRle())).isEqualTo(a.iou(b));
            assertThat(Rle.merge(List.of(a.toRle(), b.toRle()), false).decode()).isEqualTo(a.or(b));
            assertThat(Rle.merge(List.of(a.toRle(), b.toRle()), true).decode()).isEqualTo(a.and(b));
        }
    }

    @Test
    void invalidCharacterIsRejected() {
        assertThatThrownBy(() -> Rle.fromCompressedString(2, 2, "1 1"))
                .isInstanceOf(InvalidRleException.class)
                .hasMessageContaining("invalid character");
    }

    @Test
    void countsThatDoNotCoverTheMaskAreRejected() {
        assertThatThrownBy(() -> Rle.fromCompressedString(10, 10, "12"))
                .isInstanceOf(InvalidRleException.class)
                .hasMessageContaining("cover");
    }

    @Test
    void truncatedGroupIsRejected() {
        // 'h' = 56 = 48 + 8 + continuation? 'h'-48 = 56 has the continuation bit 0x20 set.
        assertThatThrownBy(() -> Rle.fromCompressedString(2, 2, "h"))
                .isInstanceOf(InvalidRleException.class)
                .hasMessageContaining("ends inside");
    }

    static Mask randomMask(Random random, int h, int w) {
        Mask.Builder b = Mask.builder(h, w);
        double p = random.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (random.nextDouble() < p) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }
}
