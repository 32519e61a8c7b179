package io.maskstream.pipeline.quality;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A floor under the scenario quality suite, so that tracking quality cannot silently regress: every
 * scenario but crowd and enter-leave at its default length, both presets, reference models (occlusion guards
 * the object pointers' re-finding, distractor that they do not jump to a same-coloured object). Floors sit a
 * little under the figures measured when they were set (QUALITY.md has the whole suite); raise them
 * when quality improves.
 */
class QualityFloorITCase {
    /**
     * HOTA floor per scenario and preset; the measured figure (2026-11-22, commit 7aa3174: detector closing,
     * colour anchor, pointer reach) in the comment. mixed runs at its full 600 frames (≈ 2–3 min per preset):
     * it is the scenario the reference models are still being improved on.
     */
    private static final Map<String, Map<String, Double>> HOTA_FLOOR = Map.of(
            "crossing", Map.of("paper", 0.98, "sam3-release", 0.98), // 0.997, 0.997
            "occlusion", Map.of("paper", 0.93, "sam3-release", 0.85), // 0.952, 0.865 (object pointers)
            "distractor", Map.of("paper", 0.96, "sam3-release", 0.76), // 0.982, 0.773
            "fast", Map.of("paper", 0.97, "sam3-release", 0.97), // 0.987, 0.987
            "scale", Map.of("paper", 0.98, "sam3-release", 0.98), // 0.997, 0.997 (colour anchor)
            "flicker", Map.of("paper", 0.97, "sam3-release", 0.97), // 0.990, 0.990 (detector closing)
            "mixed", Map.of("paper", 0.60, "sam3-release", 0.60)); // 0.618, 0.625

    /** Most identity switches per scenario and preset, as measured. */
    private static final Map<String, Map<String, Integer>> IDSW_CEILING = Map.of(
            "crossing", Map.of("paper", 0, "sam3-release", 0),
            "occlusion", Map.of("paper", 0, "sam3-release", 1),
            "distractor", Map.of("paper", 0, "sam3-release", 4),
            "fast", Map.of("paper", 0, "sam3-release", 0),
            "scale", Map.of("paper", 0, "sam3-release", 0),
            "flicker", Map.of("paper", 0, "sam3-release", 0),
            "mixed", Map.of("paper", 22, "sam3-release", 56));

    private static Map<String, QualityResult> results;

    @BeforeAll
    static void run() throws Exception {
        List<String> scenarios = List.copyOf(new TreeMap<>(HOTA_FLOOR).keySet());
        QualitySuite.Settings s = new QualitySuite.Settings(scenarios, 0, QualitySuite.variants(false), 2, List.of(), null);
        results = new TreeMap<>();
        for (QualityResult r : QualitySuite.run(s, r -> {})) {
            results.put(r.scenario() + "/" + r.variant(), r);
        }
    }

    @Test
    void everyScenarioStaysAtOrAboveItsHotaFloorWithBothPresets() {
        SoftAssertions soft = new SoftAssertions();
        HOTA_FLOOR.forEach((scenario, floors) -> floors.forEach((variant, floor) ->
                soft.assertThat(results.get(scenario + "/" + variant).report().hota())
                        .as("HOTA of %s with %s", scenario, variant).isGreaterThanOrEqualTo(floor)));
        soft.assertAll();
    }

    @Test
    void noScenarioSwitchesIdentitiesMoreThanWhenTheFloorWasSet() {
        SoftAssertions soft = new SoftAssertions();
        IDSW_CEILING.forEach((scenario, ceilings) -> ceilings.forEach((variant, ceiling) ->
                soft.assertThat(results.get(scenario + "/" + variant).report().idsw())
                        .as("IDSW of %s with %s", scenario, variant).isLessThanOrEqualTo(ceiling)));
        soft.assertAll();
    }

    @Test
    void theReportGivesEveryScenarioItsPresetsSideBySide() {
        String md = QualityReport.render(List.copyOf(results.values()), QualitySuite.variants(false),
                new QualityReport.Provenance("today", "here", "./maskstream quality", 1, 2));
        soft(md);
    }

    private static void soft(String md) {
        SoftAssertions soft = new SoftAssertions();
        for (String scenario : HOTA_FLOOR.keySet()) {
            soft.assertThat(md).contains("### " + scenario + " (");
        }
        soft.assertThat(md).contains("| metric | paper | sam3-release |");
        soft.assertAll();
    }
}
