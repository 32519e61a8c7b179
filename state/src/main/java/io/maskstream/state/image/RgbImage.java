package io.maskstream.state.image;

/**
 * A decoded frame: 8-bit RGB, row-major, interleaved ({@code rgb[3 * (y * width + x) + c]}).
 *
 * <p>The array is shared, not copied: producers hand over a fresh array and nobody writes to it
 * afterwards.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "expected " + width * height * 3 + " RGB bytes for " + width + "x" + height + ", got " + rgb.length);
        }
    }

    public int red(int x, int y) {
        return rgb[3 * (y * width + x)] & 0xff;
    }

    public int green(int x, int y) {
        return rgb[3 * (y * width + x) + 1] & 0xff;
    }

    public int blue(int x, int y) {
        return rgb[3 * (y * width + x) + 2] & 0xff;
    }
}
