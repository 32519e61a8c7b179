package io.maskstream.kit.reference;

import java.util.Locale;

/**
 * The saturated colours a synthetic object can have; each is also the object's concept, the prompt
 * the reference colour-concept detector knows. Background clutter is kept darker and desaturated
 * than all of these (see {@link SceneRenderer}) so that it is never one of them.
 */
public enum NamedColour {
    RED(230, 30, 30),
    GREEN(40, 200, 40),
    BLUE(40, 80, 230),
    YELLOW(240, 220, 40),
    CYAN(40, 210, 220),
    MAGENTA(220, 50, 220),
    WHITE(240, 240, 240),
    ORANGE(250, 140, 30);

    private final int red;
    private final int green;
    private final int blue;

    NamedColour(int red, int green, int blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    /** The concept name, e.g. {@code "red"}. */
    public String concept() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int red() {
        return red;
    }

    public int green() {
        return green;
    }

    public int blue() {
        return blue;
    }

    /** The colour words in palette order (red, green, blue, …): the category order of the scenes' files. */
    public static java.util.List<String> concepts() {
        return java.util.Arrays.stream(values()).map(NamedColour::concept).toList();
    }

    public static NamedColour ofConcept(String concept) {
        return valueOf(concept.toUpperCase(Locale.ROOT));
    }
}
