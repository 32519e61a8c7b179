package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.kit.reference.scene.Scenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QualityCommandTest {

    @Test
    void allMeansEveryScenarioInTheLibrarysOrder() {
        assertThat(QualityCommand.scenarioNames("all")).isEqualTo(Scenarios.names());
    }

    @Test
    void aListKeepsItsOrderAndDropsRepeats() {
        assertThat(QualityCommand.scenarioNames("occlusion, Crossing,occlusion")).containsExactly("occlusion", "crossing");
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> QualityCommand.scenarioNames("crossing,nope"))
                .hasMessageContaining("'nope'").hasMessageContaining("enter-leave");
    }

    @Test
    void theRecordedCommandIsTheLauncherWithTheSubcommandsArguments() {
        assertThat(QualityCommand.command(List.of("quality", "--ablate", "--frames", "60")))
                .isEqualTo("./maskstream quality --ablate --frames 60");
        assertThat(QualityCommand.command(List.of("quality"))).isEqualTo("./maskstream quality");
    }

    @Test
    void theCommandLineExitsWith2OnAnUnknownScenarioBeforeRunningAnything() {
        CommandLine cli = MaskstreamCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("quality", "--scenarios", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'nope'");
    }
}
