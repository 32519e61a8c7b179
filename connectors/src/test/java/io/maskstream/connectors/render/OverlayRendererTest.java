package io.maskstream.connectors.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {
    private static final int W = 160;
    private static final int H = 120;

    static RgbImage grey() {
        byte[] rgb = new byte[W * H * 3];
        Arrays.fill(rgb, (byte) 100);
        return new RgbImage(W, H, rgb);
    }

    /** A disc of radius 15 at (80, 70) and its masklet frame. */
    static final Mask DISC;

    static {
        Mask.Builder b = Mask.builder(H, W);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if ((x - 80) * (x - 80) + (y - 70) * (y - 70) <= 225) {
                    b.set(y, x);
                }
            }
        }
        DISC = b.build();
    }

    static MaskletFrame masklets(int id) {
        return new MaskletFrame("s", 12, 0, 0, W, H, List.of(new MaskletObject(id, "red", 0.9f,
                new float[] {65, 55, 31, 31}, new RleMask(H, W, DISC.toRle().toCompressedString()), List.of())));
    }

    @Test
    void theMasksLayerColoursExactlyTheMaskletsPixels() {
        RgbImage out = OverlayRenderer.drawMasks(grey(), masklets(4));
        int[] c = OverlayRenderer.colourOf(4);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] expected = DISC.get(y, x)
                        ? new int[] {OverlayRenderer.blend(100, c[0]), OverlayRenderer.blend(100, c[1]),
                                OverlayRenderer.blend(100, c[2])}
                        : new int[] {100, 100, 100};
                assertThat(new int[] {out.red(x, y), out.green(x, y), out.blue(x, y)})
                        .as("pixel (%d,%d)", x, y).containsExactly(expected);
            }
        }
    }

    @Test
    void theFullOverlayBlendsTheMaskAndLeavesFarPixelsAlone() {
        RgbImage out = OverlayRenderer.draw(grey(), masklets(4));
        int[] c = OverlayRenderer.colourOf(4);
        // inside the disc, away from the box outline
        for (int[] p : new int[][] {{80, 70}, {75, 75}, {88, 64}, {80, 83}}) {
            assertThat(DISC.get(p[1], p[0])).isTrue();
            assertThat(out.red(p[0], p[1])).isEqualTo(OverlayRenderer.blend(100, c[0]));
            assertThat(out.green(p[0], p[1])).isEqualTo(OverlayRenderer.blend(100, c[1]));
            assertThat(out.blue(p[0], p[1])).isEqualTo(OverlayRenderer.blend(100, c[2]));
        }
        // outside the disc, the box and the labels
        for (int[] p : new int[][] {{150, 110}, {20, 100}, {140, 30}, {67, 58}}) {
            assertThat(new int[] {out.red(p[0], p[1]), out.green(p[0], p[1]), out.blue(p[0], p[1])})
                    .as("pixel (%d,%d)", p[0], p[1]).containsExactly(100, 100, 100);
        }
        // the box outline is drawn in the masklet's colour
        assertThat(new int[] {out.red(65, 70), out.green(65, 70), out.blue(65, 70)}).containsExactly(c);
    }

    @Test
    void theFrameCounterIsDrawnTopLeft() {
        RgbImage out = OverlayRenderer.draw(grey(), new MaskletFrame("s", 3, 0, 0, W, H, List.of()));
        boolean white = false;
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 60; x++) {
                white |= out.red(x, y) == 255 && out.green(x, y) == 255;
            }
        }
        assertThat(white).isTrue();
        assertThat(out.red(100, 100)).isEqualTo(100);
    }

    @Test
    void differentIdsGetDifferentColoursAndTheSameIdAlwaysTheSame() {
        assertThat(OverlayRenderer.colourOf(1)).isNotEqualTo(OverlayRenderer.colourOf(2));
        assertThat(OverlayRenderer.colourOf(7)).isEqualTo(OverlayRenderer.colourOf(7));
    }
}
