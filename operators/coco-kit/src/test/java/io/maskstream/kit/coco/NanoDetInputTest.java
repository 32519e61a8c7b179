package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskstream.state.image.RgbImage;
import org.junit.jupiter.api.Test;

class NanoDetInputTest {
    private static final int PLANE = NanoDetInput.SIZE * NanoDetInput.SIZE;

    private static RgbImage uniform(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) g;
            rgb[3 * i + 2] = (byte) b;
        }
        return new RgbImage(width, height, rgb);
    }

    @Test
    void channelsAreBlueGreenRedNormalisedByNanoDetsMeanAndStd() {
        float[] t = new NanoDetInput().tensor(uniform(768, 576, 200, 100, 50));

        assertThat(t).hasSize(3 * PLANE);
        assertThat(t[0]).isCloseTo((50 - 103.53f) / 57.375f, within(1e-5f));
        assertThat(t[PLANE + 1234]).isCloseTo((100 - 116.28f) / 57.12f, within(1e-5f));
        assertThat(t[2 * PLANE + PLANE - 1]).isCloseTo((200 - 123.675f) / 58.395f, within(1e-5f));
    }

    @Test
    void aFrameOfTheInputSizeIsCopiedWithoutResampling() {
        RgbImage frame = uniform(NanoDetInput.SIZE, NanoDetInput.SIZE, 0, 0, 0);
        frame.rgb()[3 * (7 * NanoDetInput.SIZE + 9) + 2] = (byte) 255; // one blue pixel at (9, 7)

        float[] t = new NanoDetInput().tensor(frame);

        float black = -103.53f / 57.375f;
        assertThat(t[7 * NanoDetInput.SIZE + 9]).isCloseTo((255 - 103.53f) / 57.375f, within(1e-5f));
        assertThat(t[7 * NanoDetInput.SIZE + 8]).isEqualTo(black);
        assertThat(t[7 * NanoDetInput.SIZE + 10]).isEqualTo(black);
        assertThat(t[6 * NanoDetInput.SIZE + 9]).isEqualTo(black);
    }

    @Test
    void aReusedInstanceFollowsAChangeOfFrameSize() {
        NanoDetInput input = new NanoDetInput();
        input.tensor(uniform(768, 576, 10, 10, 10));
        RgbImage small = uniform(NanoDetInput.SIZE, NanoDetInput.SIZE, 0, 0, 0);
        small.rgb()[0] = (byte) 255; // red at (0, 0)

        float[] t = input.tensor(small);

        assertThat(t[2 * PLANE]).isCloseTo((255 - 123.675f) / 58.395f, within(1e-5f));
        assertThat(t[2 * PLANE + 1]).isCloseTo(-123.675f / 58.395f, within(1e-5f));
    }
}
