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

    static void fill(RgbImage frame, ModelManifest.ImageSpec spec, FloatBuffer out) {
        int w = spec.width(), h = spec.height(), plane = w * h;
        float[] scale = new float[3], offset = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * spec.std()[c]);
            offset[c] = spec.mean()[c] / spec.std()[c];
        }
        float[] chw = new float[3 * plane];
        byte[] rgb = frame.rgb();
        if (frame.width() == w && frame.height() == h) {
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    chw[c * plane + i] = (rgb[3 * i + c] & 0xff) * scale[c] - offset[c];
                }
            }
        } else {
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
                    for (int c = 0; c < 3; c++) {
                        float v00 = rgb[3 * (y0 * fw + x0) + c] & 0xff, v01 = rgb[3 * (y0 * fw + x1) + c] & 0xff;
                        float v10 = rgb[3 * (y1 * fw + x0) + c] & 0xff, v11 = rgb[3 * (y1 * fw + x1) + c] & 0xff;
                        float v = (v00 * (1 - ax) + v01 * ax) * (1 - ay) + (v10 * (1 - ax) + v11 * ax) * ay;
                        chw[c * plane + y * w + x] = v * scale[c] - offset[c];
                    }
                }
            }
        }
        out.put(chw);
        out.flip();
    }
}
