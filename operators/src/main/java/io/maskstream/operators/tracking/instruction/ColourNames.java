package io.maskstream.operators.tracking.instruction;

import java.util.List;
import java.util.Map;

/**
 * Names a mean RGB colour with one colour word, by hue, saturation and value (HSV, hue in degrees):
 *
 * <pre>
 * value &lt; 0.2                      black
 * saturation &lt; 0.25, value &gt; 0.75  white
 * saturation &lt; 0.25               grey
 * hue [345, 15)   red        hue [15, 40)   orange     hue [40, 70)   yellow
 * hue [70, 160)   green      hue [160, 200) cyan       hue [200, 260) blue
 * hue [260, 290)  purple     hue [290, 345) magenta
 * </pre>
 *
 * Synonyms in instructions: gray = grey, pink = magenta, violet = purple.
 */
public final class ColourNames {
    /** Every colour word the table gives. */
    public static final List<String> NAMES =
            List.of("red", "orange", "yellow", "green", "cyan", "blue", "purple", "magenta", "white", "grey", "black");
    private static final Map<String, String> SYNONYMS = Map.of("gray", "grey", "pink", "magenta", "violet", "purple");

    private ColourNames() {}

    /** The colour word of a mean colour (channels 0..255). */
    public static String of(double red, double green, double blue) {
        double r = red / 255, g = green / 255, b = blue / 255;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double saturation = max == 0 ? 0 : (max - min) / max;
        if (max < 0.2) {
            return "black";
        }
        if (saturation < 0.25) {
            return max > 0.75 ? "white" : "grey";
        }
        double d = max - min;
        double hue;
        if (max == r) {
            hue = 60 * ((g - b) / d);
        } else if (max == g) {
            hue = 60 * ((b - r) / d) + 120;
        } else {
            hue = 60 * ((r - g) / d) + 240;
        }
        hue = (hue + 360) % 360;
        if (hue >= 345 || hue < 15) {
            return "red";
        } else if (hue < 40) {
            return "orange";
        } else if (hue < 70) {
            return "yellow";
        } else if (hue < 160) {
            return "green";
        } else if (hue < 200) {
            return "cyan";
        } else if (hue < 260) {
            return "blue";
        } else if (hue < 290) {
            return "purple";
        }
        return "magenta";
    }

    /** The table's word for a colour word of an instruction, or null when it is not one. */
    static String canonical(String word) {
        String w = SYNONYMS.getOrDefault(word, word);
        return NAMES.contains(w) ? w : null;
    }
}
