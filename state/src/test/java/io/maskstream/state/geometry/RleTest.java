package io.maskstream.state.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
