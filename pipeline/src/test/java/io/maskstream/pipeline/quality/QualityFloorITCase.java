package io.maskstream.pipeline.quality;

import io.maskstream.kit.reference.scene.Scenarios;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression guards under the scenario quality suite, so that tracking quality cannot silently
 * regress: every scenario with both presets and the reference models. These are not quality targets
 * (QUALITY.md states the targets and has the whole suite): each floor is the figure measured when it
 * was set minus a small margin, and each identity-switch ceiling is the count measured then. The
 * suite is deterministic, so a guard fails only when the output changes; raise floors and lower
 * ceilings when quality improves, and say why a guard moves down. crowd runs 30 frames (its 32
 * objects make every frame slow; ≈ 20 s for both presets), the others their default length (mixed
 * 600 frames, ≈ 2–3 min per preset).
 */
class QualityFloorITCase {
    /** crowd's length here: enough for all 32 objects to be found, confirmed and tracked through contacts. */
    private static final int CROWD_FRAMES = 30;

    /**
     * HOTA floor per scenario and preset, each with what it guards and the figure it was set from.
     * Measured 2026-11-22 on commit 7aa3174 (detector closing, colour anchor, pointer reach); enter-leave and
     * crowd (30 frames) on 2026-12-04. Margin 0.01–0.02 under the measured figure.
     */
    private static final Map<String, Map<String, Double>> HOTA_FLOOR = Map.of(
            // two objects cross: identities held through the overlap; 0.997, 0.997
            "crossing", Map.of("paper", 0.98, "sam3-release", 0.98),
            // an object hidden behind a bar ~15 frames, re-found by the object pointers; 0.952, 0.865
            "occlusion", Map.of("paper", 0.93, "sam3-release", 0.85),
            // objects enter at one border and leave at the other: new ids start, leavers end; 0.977, 0.973
            "enter-leave", Map.of("paper", 0.96, "sam3-release", 0.96),
            // two red objects pass close by: the pointers do not jump to the other one; 0.982, 0.773
            "distractor", Map.of("paper", 0.96, "sam3-release", 0.76),
            // 15–20 px per frame: matching across large displacements; 0.987, 0.987
            "fast", Map.of("paper", 0.97, "sam3-release", 0.97),
            // 32 small objects (30 frames here): detection and matching in a dense scene; 0.902, 0.877
            "crowd", Map.of("paper", 0.88, "sam3-release", 0.86),
            // objects grow and shrink ~2.5x: the colour anchor keeps masks on them; 0.997, 0.997
            "scale", Map.of("paper", 0.98, "sam3-release", 0.98),
            // flickering light, false detections: the detector closing; 0.990, 0.990
            "flicker", Map.of("paper", 0.97, "sam3-release", 0.97),
            // all of the above in 600 frames: the scenario still being improved on; 0.618, 0.625
            "mixed", Map.of("paper", 0.60, "sam3-release", 0.60));

    /** Most identity switches per scenario and preset: the counts measured with the floors above. */
    private static final Map<String, Map<String, Integer>> IDSW_CEILING = Map.of(
            "crossing", Map.of("paper", 0, "sam3-release", 0),
            "occlusion", Map.of("paper", 0, "sam3-release", 1),
            "enter-leave", Map.of("paper", 0, "sam3-release", 3),
            "distractor", Map.of("paper", 0, "sam3-release", 4),
            "fast", Map.of("paper", 0, "sam3-release", 0),
            "crowd", Map.of("paper", 1, "sam3-release", 1),
            "scale", Map.of("paper", 0, "sam3-release", 0),
            "flicker", Map.of("paper", 0, "sam3-release", 0),
            "mixed", Map.of("paper", 22, "sam3-release", 56));

    private static Map<String, QualityResult> results;

    @BeforeAll
    static void run() throws Exception {
        List<String> atDefaultLength = new TreeMap<>(HOTA_FLOOR).keySet().stream().filter(s -> !s.equals("crowd")).toList();
        results = new TreeMap<>();
        for (QualitySuite.Settings s : List.of(
                new QualitySuite.Settings(atDefaultLength, 0, QualitySuite.variants(false), 2, List.of(), null),
                new QualitySuite.Settings(List.of("crowd"), CROWD_FRAMES, QualitySuite.variants(false), 2, List.of(), null))) {
            for (QualityResult r : QualitySuite.run(s, r -> {})) {
                results.put(r.scenario() + "/" + r.variant(), r);
            }
        }
    }

    @Test
    void everyScenarioHasAFloorAndACeiling() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(HOTA_FLOOR.keySet()).as("scenarios with a HOTA floor")
                .containsExactlyInAnyOrderElementsOf(Scenarios.names());
        soft.assertThat(IDSW_CEILING.keySet()).as("scenarios with an IDSW ceiling")
                .containsExactlyInAnyOrderElementsOf(Scenarios.names());
        soft.assertAll();
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
        SoftAssertions soft = new SoftAssertions();
        for (String scenario : HOTA_FLOOR.keySet()) {
            soft.assertThat(md).contains("### " + scenario + " (");
        }
        soft.assertThat(md).contains("| metric | paper | sam3-release |");
        soft.assertAll();
    }
}
