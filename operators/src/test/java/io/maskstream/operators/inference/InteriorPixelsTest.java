package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The object-pointer prompt's interior pixels, found within the mask's bounding box, are those of the definition. */
class InteriorPixelsTest {
    private static final int H = 48;
    private static final int W = 64;

    @Test
    void theBoundingBoxScanFindsExactlyThePixelsWhoseWholeNeighbourhoodIsInTheMask() {
        Random random = new Random(11);
        List<Mask> masks = new ArrayList<>();
        masks.add(Mask.rectangle(H, W, 0, 0, W, H)); // the whole frame: the border rows are not interior
        masks.add(Mask.rectangle(H, W, 10, 5, 15, 10)); // exactly one interior pixel
        masks.add(Mask.rectangle(H, W, 10, 5, 14, 30)); // too thin: none
        masks.add(Mask.rectangle(H, W, 40, 30, W, H)); // touching two frame edges
        masks.add(Mask.empty(H, W));
        for (int k = 0; k < 30; k++) { // blobs: unions of random rectangles, some with holes cut out
            byte[] pixels = new byte[H * W];
            for (int n = 0; n < 1 + random.nextInt(4); n++) {
                int x0 = random.nextInt(W), y0 = random.nextInt(H);
                int x1 = Math.min(W, x0 + 1 + random.nextInt(30)), y1 = Math.min(H, y0 + 1 + random.nextInt(30));
                byte v = (byte) (n > 0 && random.nextInt(3) == 0 ? 0 : 1);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        pixels[y * W + x] = v;
                    }
                }
            }
            masks.add(Mask.fromRowMajor(H, W, pixels));
        }
        int withInterior = 0;
        for (Mask m : masks) {
            int[] expected = byDefinition(m, 2);
            assertThat(MaskletTracker.interiorPixels(m)).isEqualTo(expected);
            withInterior += expected.length > 0 ? 1 : 0;
        }
        assertThat(withInterior).isGreaterThan(10);
    }

    private static int[] byDefinition(Mask m, int r) {
        List<Integer> out = new ArrayList<>();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean full = true;
                for (int dy = -r; dy <= r && full; dy++) {
                    for (int dx = -r; dx <= r && full; dx++) {
                        int yy = y + dy, xx = x + dx;
                        full = yy >= 0 && yy < H && xx >= 0 && xx < W && m.get(yy, xx);
                    }
                }
                if (full) {
                    out.add(y * W + x);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
