package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiScaleDetectorTest {
    private static final int W = 64, H = 48;

    /** A fixed-size "detector" that sees a white blob only when it covers at least 20 pixels of its input. */
    private static final class BlobDetector implements DetectorRole {
        final List<int[]> inputSizes = new ArrayList<>();

        @Override
        public boolean batchesFrames() {
            return false;
        }

        @Override
        public List<Detection> detect(RgbImage f, List<ConceptEmbedding> concepts) {
            inputSizes.add(new int[] {f.width(), f.height()});
            Mask.Builder b = Mask.builder(f.height(), f.width());
            int n = 0;
            for (int y = 0; y < f.height(); y++) {
                for (int x = 0; x < f.width(); x++) {
                    if (f.red(x, y) > 200) {
                        b.set(y, x);
                        n++;
                    }
                }
            }
            Mask m = b.build();
            return n < 20 ? List.of() : List.of(new Detection(m.boundingBox(), 0.9f, m, "white"));
        }

        @Override
        public List<List<Detection>> detect(List<Request> requests) {
            return requests.stream().map(r -> detect(r.frame(), r.concepts())).toList();
        }
    }

    private static RgbImage frameWithSquare(int x0, int y0, int size) {
        byte[] rgb = new byte[W * H * 3];
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * W + x) * 3 + c] = (byte) 255;
                }
            }
        }
        return new RgbImage(W, H, rgb);
    }

    @Test
    void aSmallObjectTheDetectorMissesIsFoundAtALargerScaleAndMappedBackToTheFrame() {
        BlobDetector base = new BlobDetector();
        RgbImage frame = frameWithSquare(10, 8, 4); // 16 pixels: too small at scale 1
        assertThat(base.detect(frame, List.of())).isEmpty();

        List<Detection> found = MultiScaleDetector.of(base, List.of(1.0, 2.0)).detect(frame, List.of());

        assertThat(found).hasSize(1);
        Box b = found.get(0).box();
        // the bilinear enlargement blurs the square's rim, so it comes back within a pixel
        assertThat(b.x1()).isBetween(10f, 11f);
        assertThat(b.y1()).isBetween(8f, 9f);
        assertThat(b.x2()).isBetween(13f, 14f);
        assertThat(b.y2()).isBetween(11f, 12f);
        assertThat(found.get(0).mask().get(10, 12)).isTrue();
        assertThat(found.get(0).mask().area()).isBetween(9, 16);
        assertThat(found.get(0).mask().height()).isEqualTo(H);
    }

    @Test
    void theEnlargedFrameIsCutIntoFrameSizedTiles() {
        BlobDetector base = new BlobDetector();
        MultiScaleDetector.of(base, List.of(1.5)).detect(frameWithSquare(0, 0, 2), List.of());
        assertThat(base.inputSizes).hasSize(4).allMatch(s -> s[0] == W && s[1] == H);
        assertThat(MultiScaleDetector.origins(96, 64)).containsExactly(0, 32);
        assertThat(MultiScaleDetector.origins(64, 64)).containsExactly(0);
    }

    @Test
    void aDetectionCutByAnInnerTileEdgeIsDroppedAndTheWholeOneKept() {
        BlobDetector base = new BlobDetector();
        // at scale 2 the square spans x 56..72 of a 128-wide image: tile 0 (0..63) cuts it, tile 1 (64..127) cuts it too,
        // so nothing at scale 2 sees it whole; at scale 1 it is found
        List<Detection> found = MultiScaleDetector.of(base, List.of(1.0, 2.0)).detect(frameWithSquare(28, 20, 8), List.of());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).box()).isEqualTo(new Box(28, 20, 36, 28));
    }

    @Test
    void scaleOneAloneIsTheDetectorItself() {
        BlobDetector base = new BlobDetector();
        assertThat(MultiScaleDetector.of(base, List.of(1.0))).isSameAs(base);
    }

    @Test
    void aScaleThatIsNotPositiveIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> MultiScaleDetector.of(new BlobDetector(), List.of(1.0, 0.0)))
                .hasMessageContaining("detector.tta-scales");
    }

    @Test
    void theScalesAreReadCommaSeparatedAndABadListNamesTheKey() {
        org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
        c.set(InferenceOptions.DETECTOR_TTA_SCALES, "1.0, 1.5");
        assertThat(InferenceOptions.ttaScales(c)).containsExactly(1.0, 1.5);
        c.set(InferenceOptions.DETECTOR_TTA_SCALES, "1.0,big");
        assertThatThrownBy(() -> InferenceOptions.ttaScales(c)).hasMessageContaining("detector.tta-scales");
    }
}
