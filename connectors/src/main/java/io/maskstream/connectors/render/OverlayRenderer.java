package io.maskstream.connectors.render;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.image.Images;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import io.maskstream.state.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;

/**
 * Draws masklets over a frame: each mask alpha-blended in a colour fixed by the masklet id, its box,
 * a label "id concept", and a frame counter in the top-left corner. Deterministic (no
 * anti-aliasing), and it never changes a pixel outside masks, boxes and labels.
 */
public final class OverlayRenderer {
    /** Weight of the masklet colour in a mask pixel. */
    public static final double ALPHA = 0.5;
    private static final Font FONT = new Font(Font.MONOSPACED, Font.BOLD, 11);

    private OverlayRenderer() {}

    /** The colour of masklet {@code id}: hues spaced by the golden angle, full saturation. */
    public static int[] colourOf(int id) {
        float hue = (float) ((id * 0.618033988749895) % 1.0);
        int rgb = Color.HSBtoRGB(hue, 0.85f, 1.0f);
        return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

    /** {@code round((1 - ALPHA) · under + ALPHA · over)}, the value a mask pixel gets. */
    public static int blend(int under, int over) {
        return (int) Math.round((1 - ALPHA) * under + ALPHA * over);
    }

    /** Masks only: the frame with every masklet's mask blended in, nothing else drawn. */
    public static RgbImage drawMasks(RgbImage frame, MaskletFrame masks) {
        byte[] rgb = frame.rgb().clone();
        for (MaskletObject o : byId(masks)) {
            Mask m = maskOf(o, frame);
            if (m == null) {
                continue;
            }
            int[] c = colourOf(o.id());
            int w = frame.width();
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < w; x++) {
                    if (m.get(y, x)) {
                        int p = 3 * (y * w + x);
                        rgb[p] = (byte) blend(rgb[p] & 0xff, c[0]);
                        rgb[p + 1] = (byte) blend(rgb[p + 1] & 0xff, c[1]);
                        rgb[p + 2] = (byte) blend(rgb[p + 2] & 0xff, c[2]);
                    }
                }
            }
        }
        return new RgbImage(frame.width(), frame.height(), rgb);
    }

    /** The full overlay: masks, boxes, labels and the frame counter ({@code masks.seq()}). */
    public static RgbImage draw(RgbImage frame, MaskletFrame masks) {
        BufferedImage img = Images.toBufferedImage(drawMasks(frame, masks));
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setFont(FONT);
            g.setStroke(new BasicStroke(1));
            for (MaskletObject o : byId(masks)) {
                if (maskOf(o, frame) == null) {
                    continue;
                }
                int[] c = colourOf(o.id());
                g.setColor(new Color(c[0], c[1], c[2]));
                float[] b = o.box();
                int x = Math.round(b[0]);
                int y = Math.round(b[1]);
                int w = Math.max(1, Math.round(b[2]));
                int h = Math.max(1, Math.round(b[3]));
                g.drawRect(x, y, w - 1, h - 1);
                String label = o.id() + " " + o.concept();
                int ty = y - 2 >= 10 ? y - 2 : y + h + 11;
                g.setColor(Color.BLACK);
                g.drawString(label, x + 1, ty + 1);
                g.setColor(new Color(c[0], c[1], c[2]));
                g.drawString(label, x, ty);
            }
            String counter = "frame " + masks.seq();
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, 8 + 7 * counter.length(), 14);
            g.setColor(Color.WHITE);
            g.drawString(counter, 3, 11);
        } finally {
            g.dispose();
        }
        return Images.toRgbImage(img);
    }

    private static List<MaskletObject> byId(MaskletFrame masks) {
        return masks.objects().stream().sorted(Comparator.comparingInt(MaskletObject::id)).toList();
    }

    /** The object's mask at frame size (resized if it was made at another size), or null when empty. */
    private static Mask maskOf(MaskletObject o, RgbImage frame) {
        Rle rle = Rle.fromCompressedString(o.mask().height(), o.mask().width(), o.mask().counts());
        if (rle.area() == 0) {
            return null;
        }
        Mask m = rle.decode();
        if (m.height() != frame.height() || m.width() != frame.width()) {
            m = m.resize(frame.height(), frame.width());
        }
        return m;
    }
}
