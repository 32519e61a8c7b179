package io.maskstream.pipeline.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.pipeline.eval.MetricsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityReportTest {
    private static final QualityReport.Provenance RUN =
            new QualityReport.Provenance("2026-11-22", "test machine", "./maskstream quality --ablate", 12.0, 2);

    private static MetricsReport report(double hota, double idf1, int idsw, double motp) {
        return new MetricsReport(hota, hota, hota, 0.9, 0, 0, 0, 0, 0.9, motp, idsw, 0, 0, 0, 0, 0, 0, 0,
                idf1, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 2, 100, 2, 100, 50);
    }

    private static QualityResult result(String scenario, String variant, double hota) {
        return new QualityResult(scenario, variant, 50, report(hota, 0.5, 1, 0.875), 1.0);
    }

    /** Two scenarios, both presets, and the ablation; "no suppression" changes nothing anywhere. */
    private static List<QualityResult> results() {
        Map<String, double[]> hota = Map.of(
                "paper", new double[] {0.95, 0.85},
                "sam3-release", new double[] {0.94, 0.80},
                "no confirmation delay", new double[] {0.90, 0.85},
                "no duplicate removal", new double[] {0.95, 0.70},
                "no suppression", new double[] {0.95, 0.85},
                "no periodic re-prompt", new double[] {0.96, 0.84},
                "no detection-guided re-prompt", new double[] {0.93, 0.85});
        List<QualityResult> out = new ArrayList<>();
        for (String scenario : List.of("crossing", "crowd")) {
            int i = scenario.equals("crossing") ? 0 : 1;
            for (QualityVariant v : QualitySuite.variants(true)) {
                out.add(result(scenario, v.name(), hota.get(v.name())[i]));
            }
        }
        return out;
    }

    @Test
    void aScenarioTableShowsThePresetsSideBySide() {
        String md = QualityReport.render(results(), QualitySuite.variants(true), RUN);
        assertThat(md).contains("### crossing (50 frames, 2 objects)")
                .contains("| metric | paper | sam3-release |")
                .contains("| HOTA | 0.950 | 0.940 |")
                .contains("| IDSW | 1 | 1 |")
                .contains("| mask IoU | 0.875 | 0.875 |");
    }

    @Test
    void theRunSectionGivesDateMachineAndCommand() {
        String md = QualityReport.render(results(), QualitySuite.variants(true), RUN);
        assertThat(md).contains("- Date: 2026-11-22", "- Machine: test machine",
                "- Command: `./maskstream quality --ablate`");
    }

    @Test
    void theTargetIsCheckedOnThePaperPresetAndExemptsCrowdAndFlicker() {
        List<QualityResult> r = new ArrayList<>(results());
        r.replaceAll(x -> x.scenario().equals("crossing") && x.variant().equals("paper") ? result("crossing", "paper", 0.89) : x);
        String md = QualityReport.render(r, QualitySuite.variants(true), RUN);
        assertThat(md).contains("| crossing | 50 | 2 | 0.890 | 0.940 | **missed** |")
                .contains("| crowd | 50 | 2 | 0.850 | 0.800 | exempt |");
    }

    @Test
    void theAblationShowsEachRuleOffWithItsChangeFromAllRulesOn() {
        String md = QualityReport.render(results(), QualitySuite.variants(true), RUN);
        assertThat(md).contains("| all rules on | 0.950 | 0.850 | 0.900 |")
                .contains("| no duplicate removal | 0.950 (+0.000) | 0.700 (−0.150) | 0.825 (−0.075) |");
    }

    @Test
    void aRuleThatHelpsNowhereIsSaidToHelpNoScenario() {
        String md = QualityReport.render(results(), QualitySuite.variants(true), RUN);
        assertThat(md).contains("- suppression: **helps no scenario**")
                .contains("- duplicate removal: crowd (−0.150)")
                .contains("- periodic re-prompt: crowd (−0.010)")
                .contains("- confirmation delay: crossing (−0.050)");
    }

    @Test
    void withoutAblationThereIsNoAblationSection() {
        List<QualityResult> r = results().stream()
                .filter(x -> x.variant().equals("paper") || x.variant().equals("sam3-release"))
                .toList();
        assertThat(QualityReport.render(r, QualitySuite.variants(false), RUN)).doesNotContain("## Ablation");
    }

    @Test
    void mergingReplacesOnlyTheGeneratedBlock() {
        String old = "# Title\n\nintro\n\n" + QualityReport.BEGIN + "\nold figures\n" + QualityReport.END + "\n\n## Findings\n\nmine\n";
        String block = QualityReport.BEGIN + "\nnew figures\n" + QualityReport.END + "\n";
        String merged = QualityReport.merge(old, block, "ignored");
        assertThat(merged).isEqualTo("# Title\n\nintro\n\n" + block + "\n## Findings\n\nmine\n");
    }

    @Test
    void mergingIntoNoFileStartsOneWithTheTitle() {
        String block = QualityReport.BEGIN + "\nfigures\n" + QualityReport.END + "\n";
        assertThat(QualityReport.merge(null, block, "Quality")).isEqualTo("# Quality\n\n" + block);
    }
}
