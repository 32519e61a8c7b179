package io.maskstream.connectors.results;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a semantic label map as an 8-bit indexed PNG: the pixel value is the class index (what
 * segmentation trainers read), the palette only makes it viewable — 0 black, 255 white, the classes
 * in the PASCAL VOC palette (the bits of the index spread over R, G and B).
 */
public final class LabelMapPng {
    private static final IndexColorModel PALETTE = palette();

    private LabelMapPng() {}

    /** Writes {@code indices} (row-major, one byte per pixel) as {@code file}. */
    public static void write(Path file, byte[] indices, int width, int height) throws IOException {
        if (indices.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + indices.length);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(indices, 0, data, 0, indices.length);
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /** The class indices of a PNG written by {@link #write} (row-major). */
    public static byte[] read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null || !(img.getColorModel() instanceof IndexColorModel)) {
            throw new IOException(file + " is not an indexed PNG");
        }
        byte[] out = new byte[img.getWidth() * img.getHeight()];
        int[] px = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) px[i];
        }
        return out;
    }

    private static IndexColorModel palette() {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 1; i < 255; i++) {
            int c = i, rr = 0, gg = 0, bb = 0;
            for (int j = 0; j < 8; j++) {
                rr |= ((c >> 0) & 1) << (7 - j);
                gg |= ((c >> 1) & 1) << (7 - j);
                bb |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            r[i] = (byte) rr;
            g[i] = (byte) gg;
            b[i] = (byte) bb;
        }
        r[255] = g[255] = b[255] = (byte) 255;
        return new IndexColorModel(8, 256, r, g, b);
    }
}
