package io.maskstream.operators.stream;

import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.image.Images;
import io.maskstream.state.record.RejectReason;
import io.maskstream.operators.stream.FrameStore.EncodedFrame;
import io.maskstream.state.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageIO;

/** Decodes a frame's image bytes to RGB, rejecting what does not decode or lies about its size. */
public final class FrameDecoder {
    static {
        // Decoding from memory: no temporary files.
        ImageIO.setUseCache(false);
    }

    private FrameDecoder() {}

    public static RgbImage decode(EncodedFrame frame) throws RecordRejectedException {
        return switch (frame.encoding()) {
            case RAW_RGB -> new RgbImage(frame.width(), frame.height(), frame.bytes());
            case JPEG, PNG -> decodeCompressed(frame);
            case NONE -> throw new RecordRejectedException(RejectReason.UNKNOWN_ENCODING, "frame has no image");
        };
    }

    private static RgbImage decodeCompressed(EncodedFrame frame) throws RecordRejectedException {
        byte[] b = frame.bytes();
        // ImageIO pads a truncated JPEG with grey instead of failing: require the end-of-image marker.
        if (frame.encoding() == io.maskstream.state.record.FrameEncoding.JPEG
                && (b.length < 4 || (b[b.length - 2] & 0xff) != 0xFF || (b[b.length - 1] & 0xff) != 0xD9)) {
            throw new RecordRejectedException(RejectReason.UNDECODABLE_IMAGE, "truncated JPEG: no end-of-image marker");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RecordRejectedException(
                        RejectReason.UNDECODABLE_IMAGE, "no " + frame.encoding().label() + " image in the payload");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // The image's own size is checked before its pixels are allocated: a small payload
                // can claim a huge image (decompression bomb) while the record header looks fine.
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w != frame.width() || h != frame.height()) {
                    throw new RecordRejectedException(
                            RejectReason.IMAGE_SIZE_MISMATCH,
                            "header says " + frame.width() + "x" + frame.height() + ", image is " + w + "x" + h);
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordRejectedException(
                    RejectReason.UNDECODABLE_IMAGE, frame.encoding().label() + " does not decode: " + e.getMessage());
        }
        if (img == null) {
            throw new RecordRejectedException(
                    RejectReason.UNDECODABLE_IMAGE, "no " + frame.encoding().label() + " image in the payload");
        }
        return Images.toRgbImage(img);
    }
}
