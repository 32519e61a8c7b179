package io.maskstream.operators.labelling;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.geometry.Mask;
import java.util.List;
import java.util.Map;

/**
 * Per-frame semantic label maps from instance masklets: one class index per pixel, row-major.
 * {@value #BACKGROUND} is background, a class's index is its place in the class list plus one, and
 * {@value #UNKNOWN} marks pixels that masks of two different classes both claim (the labeller cannot
 * say which is right). Several masks of one class on a pixel are that class.
 */
public final class SemanticMaps {
    public static final int BACKGROUND = 0;
    public static final int UNKNOWN = 255;
    /** Most classes a map can index (1..254). */
    public static final int MAX_CLASSES = 254;

    private SemanticMaps() {}

    /** The map of one frame; {@code classIndex} gives each class name its index (1..254). */
    public static byte[] of(MaskletFrame frame, Map<String, Integer> classIndex) {
        byte[] out = new byte[frame.width() * frame.height()];
        for (MaskletFrame.MaskletObject o : frame.objects()) {
            Integer index = classIndex.get(o.concept());
            if (index == null) {
                throw new IllegalArgumentException("class '" + o.concept() + "' has no index");
            }
            paint(out, o.mask().toRle().decode(), index);
        }
        return out;
    }

    /** The map of a list of (class index, mask) pairs, for ground truth. */
    public static byte[] ofMasks(int height, int width, List<Map.Entry<Integer, Mask>> masks) {
        byte[] out = new byte[width * height];
        for (Map.Entry<Integer, Mask> e : masks) {
            paint(out, e.getValue(), e.getKey());
        }
        return out;
    }

    private static void paint(byte[] out, Mask m, int index) {
        int w = m.width();
        byte[] px = m.toRowMajor();
        for (int i = 0; i < px.length; i++) {
            if (px[i] == 0) {
                continue;
            }
            int before = out[i] & 0xff;
            if (before == BACKGROUND) {
                out[i] = (byte) index;
            } else if (before != index) {
                out[i] = (byte) UNKNOWN;
            }
        }
    }
}
