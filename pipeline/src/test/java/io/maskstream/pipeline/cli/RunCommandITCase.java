package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandITCase {
    @Test
    void aRunPrintsTheJobItsStatusAndASummaryWithTheExactTotals() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(1, "frames", "prompts");
            CommandLine replay = MaskstreamCli.commandLine().setOut(new PrintWriter(new StringWriter()));
            assertThat(replay.execute("replay", "--source", "scene:crossing?frames=60", "--stream-id", "cam-1",
                    "--bootstrap", broker.bootstrapServers(), "--fps", "max")).isZero();

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MaskstreamCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                    "run", "--create-topics", "--status-interval", "500ms",
                    "--set", "kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--set", "kafka.bounded=true",
                    "--set", "kafka.starting-offsets=earliest",
                    "--set", "kafka.transactional-id-prefix=run-" + UUID.randomUUID(),
                    "--set", "model.kit=reference",
                    "--set", "stream.default-concepts=red",
                    "--set", "job.state-backend=hashmap",
                    "--set", "job.checkpoint-interval=1 s");

            assertThat(code).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.get(0)).isEqualTo("created topics frames-dlq, masklets on " + broker.bootstrapServers());
            assertThat(lines.get(1)).matches("job [0-9a-f]{32} running \\| web UI http://[^ ]+:\\d+ \\| Kafka "
                    + "\\Q" + broker.bootstrapServers() + ": frames + prompts -> masklets, dead letters -> frames-dlq"
                    + " | models kit reference | concepts red\\E");
            String jobId = lines.get(1).split(" ")[1];
            // 60 frames take seconds to track, so at least one status line comes every 500 ms before the end
            assertThat(lines.subList(2, lines.size() - 1)).isNotEmpty().allMatch(l -> l.startsWith("status "));
            assertThat(lines.get(lines.size() - 1)).startsWith("job " + jobId + " FINISHED after ")
                    .endsWith(" | frames in 60, out 60 | 1 stream | 0 dead letters");
        }
    }

    @Test
    void aWrongBootstrapAddressFailsAtStartNamingIt() throws Exception {
        String address = "127.0.0.1:" + freePort();
        StringWriter err = new StringWriter();
        int code = MaskstreamCli.commandLine().setErr(new PrintWriter(err)).execute("run",
                "--set", "kafka.bootstrap-servers=" + address, "--set", "kafka.startup-check-timeout=2 s",
                "--set", "model.kit=reference");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("maskstream run: no Kafka broker answered at " + address + " within 2 s"
                + System.lineSeparator());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
