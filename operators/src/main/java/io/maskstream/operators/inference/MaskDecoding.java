package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;

/** Post-processing shared by the roles: sigmoid, logits → frame-resolution masks, connected components. */
final class MaskDecoding {
    private MaskDecoding() {}

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * Mask logits of one h × w plane (starting at {@code offset}) resized to the frame (bilinear, pixel
     * centres aligned) and thresholded at logit 0.
     */
    static float[] toFrame(float[] logits, int offset, int h, int w, int frameHeight, int frameWidth) {
        float[] out = new float[frameHeight * frameWidth];
        if (h == frameHeight && w == frameWidth) {
            System.arraycopy(logits, offset, out, 0, out.length);
            return out;
        }
        float sx = (float) w / frameWidth, sy = (float) h / frameHeight;
        for (int y = 0; y < frameHeight; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            float ay = fy - y0;
            for (int x = 0; x < frameWidth; x++) {
                float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                float ax = fx - x0;
                float v00 = logits[offset + y0 * w + x0], v01 = logits[offset + y0 * w + x1];
                float v10 = logits[offset + y1 * w + x0], v11 = logits[offset + y1 * w + x1];
                out[y * frameWidth + x] = (v00 * (1 - ax) + v01 * ax) * (1 - ay) + (v10 * (1 - ax) + v11 * ax) * ay;
            }
        }
        return out;
    }

    /**
     * {@link #toFrame} then {@link #threshold} for one plane of an output buffer. At frame resolution it
     * reads the buffer in place and sets column runs (no frame-sized temporaries).
     */
    static Mask toFrameMask(java.nio.FloatBuffer logits, int offset, int h, int w, int frameHeight, int frameWidth) {
        if (h == frameHeight && w == frameWidth) {
            // One bulk copy of the plane, then a column scan of an array (a column of the buffer itself
            // is an element-wise get per pixel, each checked and byte-order converted).
            float[] plane = new float[h * w];
            logits.get(offset, plane);
            Mask.Builder b = Mask.builder(h, w);
            for (int x = 0; x < w; x++) {
                int y = 0;
                while (y < h) {
                    while (y < h && !(plane[y * w + x] > 0f)) {
                        y++;
                    }
                    int start = y;
                    while (y < h && plane[y * w + x] > 0f) {
                        y++;
                    }
                    if (y > start) {
                        b.setColumnRun(x, start, y);
                    }
                }
            }
            return b.build();
        }
        float[] plane = new float[h * w];
        logits.get(offset, plane);
        return threshold(toFrame(plane, 0, h, w, frameHeight, frameWidth), frameHeight, frameWidth);
    }

    static Mask threshold(float[] frameLogits, int frameHeight, int frameWidth) {
        byte[] bits = new byte[frameLogits.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = frameLogits[i] > 0f ? (byte) 1 : 0;
        }
        return Mask.fromRowMajor(frameHeight, frameWidth, bits);
    }

    /**
     * 4-connected components of the pixels with positive logit, each as its row-major pixel indices,
     * in the raster order of their first pixel.
     */
    static List<int[]> components(float[] frameLogits, int height, int width) {
        int n = height * width;
        int[] label = new int[n];
        int[] stack = new int[n];
        List<int[]> out = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (frameLogits[start] <= 0f || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0, count = 0;
            stack[top++] = start;
            label[start] = next;
            int[] pixels = new int[16];
            while (top > 0) {
                int p = stack[--top];
                if (count == pixels.length) {
                    pixels = java.util.Arrays.copyOf(pixels, count * 2);
                }
                pixels[count++] = p;
                int y = p / width, x = p - y * width;
                if (x > 0) top = visit(frameLogits, label, stack, top, p - 1, next);
                if (x < width - 1) top = visit(frameLogits, label, stack, top, p + 1, next);
                if (y > 0) top = visit(frameLogits, label, stack, top, p - width, next);
                if (y < height - 1) top = visit(frameLogits, label, stack, top, p + width, next);
            }
            int[] comp = java.util.Arrays.copyOf(pixels, count);
            java.util.Arrays.sort(comp);
            out.add(comp);
        }
        return out;
    }

    private static int visit(float[] logits, int[] label, int[] stack, int top, int q, int id) {
        if (logits[q] > 0f && label[q] == 0) {
            label[q] = id;
            stack[top++] = q;
        }
        return top;
    }
}
