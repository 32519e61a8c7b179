package io.maskstream.pipeline.quality;

import java.util.List;

/**
 * One tracker configuration the suite runs every scenario with: a preset plus configuration
 * overrides ({@code key=value}, as on the command line).
 *
 * @param name the label in the report (e.g. {@code paper}, {@code no duplicate removal})
 * @param preset the value of {@code tracking.preset}
 * @param overrides further {@code key=value} settings, applied after the preset
 */
public record QualityVariant(String name, String preset, List<String> overrides) {
    public static final String PAPER = "paper";
    public static final String SAM3_RELEASE = "sam3-release";

    /** The rules the ablation switches off one at a time, with their configuration keys. */
    public static final List<String[]> ABLATED_RULES = List.of(
            new String[] {"confirmation delay", "tracking.enabled.confirmation-delay"},
            new String[] {"duplicate removal", "tracking.enabled.duplicate-removal"},
            new String[] {"suppression", "tracking.enabled.suppression"},
            new String[] {"periodic re-prompt", "tracking.enabled.periodic-reprompt"},
            new String[] {"detection-guided re-prompt", "tracking.enabled.detection-guided-reprompt"});

    public QualityVariant {
        overrides = List.copyOf(overrides);
    }

    /** A preset as it ships. */
    public static QualityVariant preset(String preset) {
        return new QualityVariant(preset, preset, List.of());
    }

    /** The ablation of the paper preset (every rule on by default): all rules, then each one off. */
    public static List<QualityVariant> ablation() {
        List<QualityVariant> out = new java.util.ArrayList<>();
        out.add(preset(PAPER));
        for (String[] rule : ABLATED_RULES) {
            out.add(new QualityVariant("no " + rule[0], PAPER, List.of(rule[1] + "=false")));
        }
        return List.copyOf(out);
    }

    /** Every {@code key=value} setting of this variant, the preset first. */
    public List<String> settings() {
        List<String> out = new java.util.ArrayList<>();
        out.add("tracking.preset=" + preset);
        out.addAll(overrides);
        return out;
    }
}
