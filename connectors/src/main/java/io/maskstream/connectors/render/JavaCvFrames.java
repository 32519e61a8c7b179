package io.maskstream.connectors.render;

import io.maskstream.state.image.RgbImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Copies between {@link RgbImage} (RGB) and JavaCV {@link Frame}s (8-bit BGR, possibly padded rows). */
public final class JavaCvFrames {
    private JavaCvFrames() {}

    /** The image of a grabbed BGR24 frame (what {@code FFmpegFrameGrabber.grabImage()} returns by default). */
    public static RgbImage toRgbImage(Frame frame) {
        if (frame.image == null || frame.imageChannels != 3 || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new IllegalArgumentException("expected an 8-bit 3-channel image frame, got channels="
                    + frame.imageChannels + " depth=" + frame.imageDepth);
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] row = new byte[w * 3];
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buffer.get(y * stride, row, 0, w * 3);
            int o = y * w * 3;
            for (int i = 0; i < w * 3; i += 3) {
                rgb[o + i] = row[i + 2];
                rgb[o + i + 1] = row[i + 1];
                rgb[o + i + 2] = row[i];
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** A new BGR24 frame holding the image. */
    public static Frame toFrame(RgbImage image) {
        int w = image.width();
        int h = image.height();
        Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        byte[] rgb = image.rgb();
        byte[] row = new byte[w * 3];
        for (int y = 0; y < h; y++) {
            int o = y * w * 3;
            for (int i = 0; i < w * 3; i += 3) {
                row[i] = rgb[o + i + 2];
                row[i + 1] = rgb[o + i + 1];
                row[i + 2] = rgb[o + i];
            }
            buffer.put(y * stride, row, 0, w * 3);
        }
        return frame;
    }
}
