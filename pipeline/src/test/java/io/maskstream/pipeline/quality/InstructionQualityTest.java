package io.maskstream.pipeline.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.tracking.instruction.InstructionParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionQualityTest {
    @Test
    void theSetHasAtLeastFortyInstructionsThatParseOverEveryScenario() throws Exception {
        List<InstructionQuality.Case> cases = InstructionQuality.cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        for (InstructionQuality.Case c : cases) {
            InstructionParser.parse(c.instruction());
        }
        assertThat(cases.stream().map(InstructionQuality.Case::scenario).distinct())
                .containsExactlyInAnyOrderElementsOf(Scenarios.names());
    }

    @Test
    void theGroundTruthFollowsTheScenesExactObjects() throws Exception {
        SyntheticScene crossing = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(30));
        // object 1: the red disc, moving right above object 2, the blue square
        var truth = InstructionQuality.groundTruth(crossing,
                List.of("the red object", "objects moving left", "the topmost object"));
        assertThat(truth.get(0)).allSatisfy(s -> assertThat(s).isEqualTo(Set.of(1)));
        assertThat(truth.get(1).get(0)).isEmpty(); // one position: no velocity yet
        assertThat(truth.get(1).subList(1, 30)).allSatisfy(s -> assertThat(s).isEqualTo(Set.of(2)));
        assertThat(truth.get(2)).allSatisfy(s -> assertThat(s).isEqualTo(Set.of(1)));
    }

    @Test
    void theBlockGoesUnderItsOwnSectionAndIsReplacedOnTheNextRun() {
        String first = InstructionQuality.merge("# Quality\n\ntext\n", InstructionQuality.BEGIN + "\nA\n"
                + InstructionQuality.END + "\n");
        assertThat(first).isEqualTo("# Quality\n\ntext\n\n## Instructions\n\n" + InstructionQuality.BEGIN + "\nA\n"
                + InstructionQuality.END + "\n");
        String second = InstructionQuality.merge(first + "after\n", InstructionQuality.BEGIN + "\nB\n"
                + InstructionQuality.END + "\n");
        assertThat(second).contains("\nB\n").doesNotContain("\nA\n").endsWith(InstructionQuality.END + "\nafter\n");
    }
}
