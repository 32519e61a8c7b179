package io.maskstream.operators.inference;

import io.maskstream.state.image.RgbImage;
import java.nio.FloatBuffer;

/**
 * Frame → model input: stretch to the manifest's width × height (bilinear, pixel centres aligned, no
 * aspect kept — as SAM 3 and SAM 2.1 exports expect), scale to [0, 1], normalise by mean/std, lay out
 * as CHW.
 */
final class ImagePreprocessor {
    private ImagePreprocessor() {}

    static int size(ModelManifest.ImageSpec spec) {
        return 3 * spec.width() * spec.height();
    }

    /** Writes the frame as normalised CHW floats straight into {@code out} (a reused direct buffer). */
    static void fill(RgbImage frame, ModelManifest.ImageSpec spec, FloatBuffer out) {
        int w = spec.width(), h = spec.height(), plane = w * h;
        int base = out.position();
        byte[] rgb = frame.rgb();
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * spec.std()[c]);
            float offset = spec.mean()[c] / spec.std()[c];
            int o = base + c * plane;
            if (frame.width() == w && frame.height() == h) {
                for (int i = 0, j = c; i < plane; i++, j += 3) {
                    out.put(o + i, (rgb[j] & 0xff) * scale - offset);
                }
                continue;
            }
            float sx = (float) frame.width() / w, sy = (float) frame.height() / h;
            int fw = frame.width(), fh = frame.height();
            for (int y = 0; y < h; y++) {
                float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
                int y0 = Math.min((int) fy, fh - 1), y1 = Math.min(y0 + 1, fh - 1);
                float ay = fy - y0;
                for (int x = 0; x < w; x++) {
                    float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                    int x0 = Math.min((int) fx, fw - 1), x1 = Math.min(x0 + 1, fw - 1);
                    float ax = fx - x0;
                    float v00 = rgb[3 * (y0 * fw + x0) + c] & 0xff, v01 = rgb[3 * (y0 * fw + x1) + c] & 0xff;
                    float v10 = rgb[3 * (y1 * fw + x0) + c] & 0xff, v11 = rgb[3 * (y1 * fw + x1) + c] & 0xff;
                    float v = (v00 * (1 - ax) + v01 * ax) * (1 - ay) + (v10 * (1 - ax) + v11 * ax) * ay;
                    out.put(o + y * w + x, v * scale - offset);
                }
            }
        }
        out.position(base + 3 * plane);
        out.flip();
    }
}
