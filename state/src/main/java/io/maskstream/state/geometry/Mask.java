package io.maskstream.state.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable binary mask of {@code height × width} pixels, one bit per pixel.
 *
 * <p>Bits are stored in column-major order (pixel (y, x) is bit {@code x * height + y}), the order
 * COCO RLE uses, so that run-length encoding is a single linear scan.
 */
public final class Mask {
    private final int height;
    private final int width;
    private final long[] bits;

    private Mask(int height, int width, long[] bits) {
        this.height = height;
        this.width = width;
        this.bits = bits;
    }

    public static Mask empty(int height, int width) {
        checkSize(height, width);
        return new Mask(height, width, new long[words(height, width)]);
    }

    /** A mask from row-major bytes where any non-zero byte is a set pixel. */
    public static Mask fromRowMajor(int height, int width, byte[] pixels) {
        checkSize(height, width);
        if (pixels.length != height * width) {
            throw new IllegalArgumentException(
                    "expected " + height * width + " pixels for " + height + "x" + width + ", got " + pixels.length);
        }
        Builder b = builder(height, width);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (pixels[row + x] != 0) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    /** A mask from row-major booleans, {@code rows[y][x]}. */
    public static Mask fromRows(boolean[][] rows) {
        int height = rows.length;
        int width = height == 0 ? 0 : rows[0].length;
        Builder b = builder(height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (rows[y][x]) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    /** A filled axis-aligned rectangle, clipped to the mask; bounds are inclusive-exclusive pixels. */
    public static Mask rectangle(int height, int width, int x0, int y0, int x1, int y1) {
        Builder b = builder(height, width);
        for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
            b.setColumnRun(x, Math.max(0, y0), Math.min(height, y1));
        }
        return b.build();
    }

    public static Builder builder(int height, int width) {
        return new Builder(height, width);
    }

    /** Wraps column-major words without copying; for codecs in this package. */
    static Mask ofColumnMajorWords(int height, int width, long[] bits) {
        checkSize(height, width);
        if (bits.length != words(height, width)) {
            throw new IllegalArgumentException("wrong word count for " + height + "x" + width);
        }
        return new Mask(height, width, bits);
    }

    long[] words() {
        return bits;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public boolean get(int y, int x) {
        int i = x * height + y;
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    public int area() {
        int n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    public boolean isEmpty() {
        for (long w : bits) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Tight bounding box in pixels (x1, y1 inclusive; x2, y2 exclusive), or null when empty. */
    public Box boundingBox() {
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        int total = height * width;
        for (int wi = 0; wi < bits.length; wi++) {
            long w = bits[wi];
            while (w != 0) {
                int bit = Long.numberOfTrailingZeros(w);
                int i = (wi << 6) + bit;
                if (i >= total) {
                    break;
                }
                int x = i / height;
                int y = i - x * height;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                w &= w - 1;
            }
        }
        if (maxX < 0) {
            return null;
        }
        return new Box(minX, minY, maxX + 1, maxY + 1);
    }

    public int intersectionArea(Mask other) {
        checkSameSize(other);
        int n = 0;
        for (int i = 0; i < bits.length; i++) {
            n += Long.bitCount(bits[i] & other.bits[i]);
        }
        return n;
    }

    /** Intersection over union; 0 when both are empty. */
    public double iou(Mask other) {
        int inter = intersectionArea(other);
        int union = area() + other.area() - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }

    /** Intersection over the smaller of the two areas (IoM); 0 when either is empty. */
    public double iom(Mask other) {
        int inter = intersectionArea(other);
        int smaller = Math.min(area(), other.area());
        return smaller == 0 ? 0.0 : (double) inter / smaller;
    }

    public Mask and(Mask other) {
        checkSameSize(other);
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = bits[i] & other.bits[i];
        }
        return new Mask(height, width, out);
    }

    public Mask or(Mask other) {
        checkSameSize(other);
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = bits[i] | other.bits[i];
        }
        return new Mask(height, width, out);
    }

    /** This mask without the pixels of {@code other}. */
    public Mask andNot(Mask other) {
        checkSameSize(other);
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = bits[i] & ~other.bits[i];
        }
        return new Mask(height, width, out);
    }

    /** Nearest-neighbour resize, sampling pixel centres (as a model-to-frame upsample does). */
    public Mask resize(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        Builder b = builder(newHeight, newWidth);
        int[] srcY = new int[newHeight];
        for (int y = 0; y < newHeight; y++) {
            srcY[y] = Math.min(height - 1, (int) (((long) y * 2 + 1) * height / (2L * newHeight)));
        }
        for (int x = 0; x < newWidth; x++) {
            int sx = Math.min(width - 1, (int) (((long) x * 2 + 1) * width / (2L * newWidth)));
            for (int y = 0; y < newHeight; y++) {
                if (get(srcY[y], sx)) {
                    b.set(y, x);
                }
            }
        }
        return b.build();
    }

    /** Row-major bytes, 1 for set pixels. */
    public byte[] toRowMajor() {
        byte[] out = new byte[height * width];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                if (get(y, x)) {
                    out[y * width + x] = 1;
                }
            }
        }
        return out;
    }

    public Rle toRle() {
        return Rle.encode(this);
    }

    private void checkSameSize(Mask other) {
        if (other.height != height || other.width != width) {
            throw new IllegalArgumentException(
                    "mask sizes differ: " + height + "x" + width + " vs " + other.height + "x" + other.width);
        }
    }

    static int words(int height, int width) {
        return (int) (((long) height * width + 63) >>> 6);
    }

    private static void checkSize(int height, int width) {
        if (height < 0 || width < 0 || (long) height * width > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("invalid mask size " + height + "x" + width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.height == height && m.width == width && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, Arrays.hashCode(bits));
    }

    @Override
    public String toString() {
        return "Mask[" + height + "x" + width + ", area=" + area() + "]";
    }

    /** Mutable builder; {@link #build()} hands its words to the mask, so a builder is used once. */
    public static final class Builder {
        private final int height;
        private final int width;
        private long[] bits;

        private Builder(int height, int width) {
            checkSize(height, width);
            this.height = height;
            this.width = width;
            this.bits = new long[words(height, width)];
        }

        public Builder set(int y, int x) {
            if (y < 0 || y >= height || x < 0 || x >= width) {
                throw new IndexOutOfBoundsException("pixel (" + y + ", " + x + ") outside " + height + "x" + width);
            }
            int i = x * height + y;
            bits[i >>> 6] |= 1L << i;
            return this;
        }

        /** Sets rows [y0, y1) of column x. */
        public Builder setColumnRun(int x, int y0, int y1) {
            int start = x * height + y0;
            setRun(start, start + (y1 - y0));
            return this;
        }

        /** Sets column-major indices [from, to). */
        Builder setRun(int from, int to) {
            if (from >= to) {
                return this;
            }
            int fw = from >>> 6, tw = (to - 1) >>> 6;
            long firstMask = -1L << from;
            long lastMask = -1L >>> (63 - ((to - 1) & 63));
            if (fw == tw) {
                bits[fw] |= firstMask & lastMask;
            } else {
                bits[fw] |= firstMask;
                for (int w = fw + 1; w < tw; w++) {
                    bits[w] = -1L;
                }
                bits[tw] |= lastMask;
            }
            return this;
        }

        public Mask build() {
            long[] b = bits;
            bits = null;
            return new Mask(height, width, b);
        }
    }
}
