package io.maskstream.state.geometry;

import java.util.Arrays;
import java.util.List;

/**
 * COCO run-length encoding, exactly as pycocotools' {@code maskApi.c} defines it: pixels in
 * column-major order, runs alternate starting with a run of zeros (possibly of length 0), and the
 * compressed string form of {@code counts}.
 *
 * <p>Every operation here works on the runs; only {@link #decode()} touches pixels.
 */
public final class Rle {
    /** Longest accepted group sequence for one count: 7 × 5 bits cover any int. */
    private static final int MAX_GROUPS_PER_COUNT = 7;

    private final int height;
    private final int width;
    private final int[] counts;

    private Rle(int height, int width, int[] counts) {
        this.height = height;
        this.width = width;
        this.counts = counts;
    }

    /**
     * An RLE from uncompressed counts; they must be non-negative and sum to height × width.
     *
     * @throws InvalidRleException if they do not
     */
    public static Rle ofCounts(int height, int width, int[] counts) {
        validate(height, width, counts, counts.length);
        return new Rle(height, width, counts.clone());
    }

    public static Rle encode(Mask mask) {
        int h = mask.height(), w = mask.width();
        long n = (long) h * w;
        long[] words = mask.words();
        int[] out = new int[16];
        int m = 0;
        long pos = 0;
        boolean current = false;
        while (pos < n) {
            long next = current ? nextClear(words, pos, n) : nextSet(words, pos, n);
            if (m == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[m++] = (int) (next - pos);
            pos = next;
            current = !current;
        }
        if (m == 0) {
            // pycocotools emits a single zero-run for an empty (0-pixel) image... and [0] for h*w == 0.
            return new Rle(h, w, new int[] {0});
        }
        return new Rle(h, w, Arrays.copyOf(out, m));
    }

    private static long nextSet(long[] words, long from, long n) {
        int wi = (int) (from >>> 6);
        long word = words[wi] & (-1L << from);
        while (true) {
            if (word != 0) {
                return Math.min(n, ((long) wi << 6) + Long.numberOfTrailingZeros(word));
            }
            if (++wi >= words.length) {
                return n;
            }
            word = words[wi];
        }
    }

    private static long nextClear(long[] words, long from, long n) {
        int wi = (int) (from >>> 6);
        long word = ~words[wi] & (-1L << from);
        while (true) {
            if (word != 0) {
                return Math.min(n, ((long) wi << 6) + Long.numberOfTrailingZeros(word));
            }
            if (++wi >= words.length) {
                return n;
            }
            word = ~words[wi];
        }
    }

    public Mask decode() {
        Mask.Builder b = Mask.builder(height, width);
        int pos = 0;
        for (int i = 0; i < counts.length; i++) {
            if ((i & 1) == 1) {
                b.setRun(pos, pos + counts[i]);
            }
            pos += counts[i];
        }
        return b.build();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The uncompressed counts (a copy). */
    public int[] counts() {
        return counts.clone();
    }

    public int area() {
        long a = 0;
        for (int i = 1; i < counts.length; i += 2) {
            a += counts[i];
        }
        return (int) a;
    }

    /** The compressed string form of pycocotools' {@code rleToString}. */
    public String toCompressedString() {
        StringBuilder s = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + 48));
            }
        }
        return s.toString();
    }

    /**
     * Parses pycocotools' compressed string form.
     *
     * @throws InvalidRleException on a character outside the alphabet, a truncated group, a negative
     *     count, or counts that do not cover height × width pixels exactly
     */
    public static Rle fromCompressedString(int height, int width, String s) {
        if (s == null) {
            throw new InvalidRleException("RLE counts string is null");
        }
        int[] cnts = new int[Math.max(1, s.length())];
        int m = 0;
        int p = 0;
        int len = s.length();
        while (p < len) {
            long x = 0;
            int k = 0;
            boolean more = true;
            int c = 0;
            while (more) {
                if (p >= len) {
                    throw new InvalidRleException("RLE string ends inside a count at character " + p);
                }
                c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new InvalidRleException(
                            "RLE string has invalid character '" + s.charAt(p) + "' at position " + p);
                }
                if (k >= MAX_GROUPS_PER_COUNT) {
                    throw new InvalidRleException("RLE count at position " + p + " is too long");
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
            }
            if ((c & 0x10) != 0) {
                x |= -1L << (5 * k);
            }
            if (m > 2) {
                x += cnts[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new InvalidRleException("RLE count " + m + " is out of range: " + x);
            }
            cnts[m++] = (int) x;
        }
        validate(height, width, cnts, m);
        return new Rle(height, width, Arrays.copyOf(cnts, m));
    }

    private static void validate(int height, int width, int[] counts, int m) {
        if (height < 0 || width < 0) {
            throw new InvalidRleException("RLE size must not be negative: " + height + "x" + width);
        }
        long total = 0;
        for (int i = 0; i < m; i++) {
            if (counts[i] < 0) {
                throw new InvalidRleException("RLE count " + i + " is negative: " + counts[i]);
            }
            total += counts[i];
        }
        if (total != (long) height * width) {
            throw new InvalidRleException(
                    "RLE counts cover " + total + " pixels but the mask is " + height + "x" + width + " = "
                            + (long) height * width);
        }
    }

    /**
     * [x, y, w, h] of the set pixels as pycocotools' {@code rleToBbox} (the version that skips empty
     * runs of ones, so counts with leading zero runs get the bbox of their pixels); all zero when empty.
     */
    public int[] toBbox() {
        int m = counts.length & ~1;
        if (m == 0) {
            return new int[4];
        }
        long xs = width, ys = height, xe = 0, ye = 0, cc = 0;
        int h = height;
        for (int j = 0; j < m; j++) {
            long start = cc;
            cc += counts[j];
            if (j % 2 == 0 || counts[j] == 0) {
                continue;
            }
            long xStart = start / h, xEnd = (cc - 1) / h;
            xs = Math.min(xs, xStart);
            xe = Math.max(xe, xEnd);
            if (xStart < xEnd) {
                // the run of ones wraps into the next column: it spans every row
                ys = 0;
                ye = h - 1;
            } else {
                ys = Math.min(ys, start % h);
                ye = Math.max(ye, (cc - 1) % h);
            }
        }
        return new int[] {(int) xs, (int) ys, (int) (xe - xs + 1), (int) (ye - ys + 1)};
    }

    /** Area of the intersection, walking both run lists. */
    public int intersectionArea(Rle o) {
        checkSameSize(o);
        int[] a = counts, b = o.counts;
        int i = 0, j = 0;
        long ca = a[0], cb = b[0];
        boolean va = false, vb = false;
        long inter = 0;
        while (i < a.length && j < b.length) {
            long step = Math.min(ca, cb);
            if (va && vb) {
                inter += step;
            }
            ca -= step;
            cb -= step;
            if (ca == 0) {
                if (++i < a.length) {
                    ca = a[i];
                }
                va = !va;
            }
            if (cb == 0) {
                if (++j < b.length) {
                    cb = b[j];
                }
                vb = !vb;
            }
        }
        return (int) inter;
    }

    /** IoU as pycocotools' {@code rleIou} without crowd: 0 when the union is empty. */
    public double iou(Rle o) {
        int inter = intersectionArea(o);
        long union = (long) area() + o.area() - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }

    /** IoU that treats {@code o} as a crowd region, as pycocotools does: intersection over this area. */
    public double iouCrowd(Rle o) {
        int inter = intersectionArea(o);
        int a = area();
        return a == 0 ? 0.0 : (double) inter / a;
    }

    /** Union (or intersection) of RLEs of one size, as pycocotools' {@code rleMerge}. */
    public static Rle merge(List<Rle> rles, boolean intersect) {
        if (rles.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Rle acc = rles.get(0);
        for (int k = 1; k < rles.size(); k++) {
            acc = acc.combine(rles.get(k), intersect);
        }
        return acc;
    }

    private Rle combine(Rle o, boolean intersect) {
        checkSameSize(o);
        int[] a = counts, b = o.counts;
        int[] out = new int[a.length + b.length + 1];
        int m = 0;
        int i = 0, j = 0;
        long ca = a[0], cb = b[0];
        boolean va = false, vb = false;
        boolean vPrev = false;
        long run = 0;
        while (i < a.length && j < b.length) {
            long step = Math.min(ca, cb);
            boolean v = intersect ? (va && vb) : (va || vb);
            if (step > 0) {
                if (v != vPrev) {
                    out[m++] = (int) run;
                    run = 0;
                    vPrev = v;
                }
                run += step;
            }
            ca -= step;
            cb -= step;
            if (ca == 0) {
                if (++i < a.length) {
                    ca = a[i];
                }
                va = !va;
            }
            if (cb == 0) {
                if (++j < b.length) {
                    cb = b[j];
                }
                vb = !vb;
            }
        }
        out[m++] = (int) run;
        return new Rle(height, width, Arrays.copyOf(out, m));
    }

    private void checkSameSize(Rle o) {
        if (o.height != height || o.width != width) {
            throw new IllegalArgumentException(
                    "RLE sizes differ: " + height + "x" + width + " vs " + o.height + "x" + o.width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rle r && r.height == height && r.width == width && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Rle[" + height + "x" + width + ", " + toCompressedString() + "]";
    }
}
