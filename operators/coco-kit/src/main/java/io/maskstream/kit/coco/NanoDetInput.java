package io.maskstream.kit.coco;

import io.maskstream.state.image.RgbImage;

/**
 * Pre-processing of the detector: the frame stretched to {@value #SIZE}×{@value #SIZE} (bilinear, pixel centres
 * aligned as in OpenCV's {@code INTER_LINEAR}), channels in BGR order, each normalised by NanoDet's mean and
 * standard deviation, laid out as {@code [1, 3, SIZE, SIZE]}. The resampling tables are kept for the last frame
 * size, so one instance serves one thread.
 */
public final class NanoDetInput {
    /** Width and height of the model input. */
    public static final int SIZE = 416;
    /** Per-channel mean and standard deviation in B, G, R order (NanoDet's training normalisation). */
    static final float[] MEAN_BGR = {103.53f, 116.28f, 123.675f};
    static final float[] STD_BGR = {57.375f, 57.12f, 58.395f};

    private int tableWidth = -1;
    private int tableHeight = -1;
    private final int[] x0 = new int[SIZE];
    private final int[] x1 = new int[SIZE];
    private final float[] fx = new float[SIZE];
    private final int[] y0 = new int[SIZE];
    private final int[] y1 = new int[SIZE];
    private final float[] fy = new float[SIZE];

    /** A new {@code [1, 3, SIZE, SIZE]} input for {@code frame}. */
    public float[] tensor(RgbImage frame) {
        float[] out = new float[3 * SIZE * SIZE];
        write(frame, out);
        return out;
    }

    /** Writes the input for {@code frame} into {@code out} ({@code 3 * SIZE * SIZE} floats). */
    public void write(RgbImage frame, float[] out) {
        if (frame.width() != tableWidth || frame.height() != tableHeight) {
            table(frame.width(), x0, x1, fx);
            table(frame.height(), y0, y1, fy);
            tableWidth = frame.width();
            tableHeight = frame.height();
        }
        byte[] rgb = frame.rgb();
        int w = frame.width();
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            int row0 = y0[y] * w;
            int row1 = y1[y] * w;
            float wy = fy[y];
            for (int x = 0; x < SIZE; x++) {
                float wx = fx[x];
                int a = 3 * (row0 + x0[x]);
                int b = 3 * (row0 + x1[x]);
                int c = 3 * (row1 + x0[x]);
                int d = 3 * (row1 + x1[x]);
                int o = y * SIZE + x;
                for (int bgr = 0; bgr < 3; bgr++) {
                    int ch = 2 - bgr;
                    float top = (rgb[a + ch] & 0xff) + ((rgb[b + ch] & 0xff) - (rgb[a + ch] & 0xff)) * wx;
                    float bottom = (rgb[c + ch] & 0xff) + ((rgb[d + ch] & 0xff) - (rgb[c + ch] & 0xff)) * wx;
                    float v = top + (bottom - top) * wy;
                    out[bgr * plane + o] = (v - MEAN_BGR[bgr]) / STD_BGR[bgr];
                }
            }
        }
    }

    /** Source index pairs and weights for each output coordinate along an axis of {@code length} pixels. */
    private static void table(int length, int[] lo, int[] hi, float[] weight) {
        double scale = (double) length / SIZE;
        for (int i = 0; i < SIZE; i++) {
            double src = Math.max(0, (i + 0.5) * scale - 0.5);
            int l = Math.min((int) src, length - 1);
            lo[i] = l;
            hi[i] = Math.min(l + 1, length - 1);
            weight[i] = (float) (src - l);
        }
    }
}
