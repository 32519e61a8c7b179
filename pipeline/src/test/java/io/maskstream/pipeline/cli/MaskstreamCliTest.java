package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskstreamCliTest {

    /** The "Commands:" section of {@code maskstream --help}: name to its (joined) summary. */
    private static Map<String, String> commandSummaries() {
        String usage = MaskstreamCli.commandLine().getUsageMessage();
        String commands = usage.substring(usage.indexOf("Commands:") + "Commands:".length());
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        for (String line : commands.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("   ")) {
                // "  name  summary..." starts a command; deeper indentation continues its summary.
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                out.put(current, parts.length > 1 ? parts[1].strip() : "");
            } else if (current != null) {
                out.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        return out;
    }

    @Test
    void everyCommandSummaryInTheHelpIsAWholeSentence() {
        Map<String, String> summaries = commandSummaries();
        assertThat(summaries).containsKeys("scene", "render", "eval", "quality");
        summaries.forEach((name, summary) -> assertThat(summary).as(name).endsWith("."));
    }
}
