package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandITCase {
    @TempDir
    Path dir;

    @Test
    void replaysSeveralSourcesFromTheCommandLineAndASourcesFile() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(2, "frames");
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, "- source: scene:scale?frames=8\n  stream-id: from-file\n");
            StringWriter out = new StringWriter();
            int code = new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).execute(
                    "--source", "scene:crossing?frames=10", "--stream-id", "a",
                    "--source", "scene:fast?frames=6", "--stream-id", "b",
                    "--sources", sources.toString(),
                    "--bootstrap", broker.bootstrapServers(), "--fps", "max");
            assertThat(code).isZero();
            assertThat(out.toString()).contains("a: done, 10 frames + 1 markers sent, 11 acknowledged");

            TreeMap<String, Integer> counts = new TreeMap<>();
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of("frames"));
                long deadline = System.currentTimeMillis() + 30_000;
                while (counts.values().stream().mapToInt(Integer::intValue).sum() < 11 + 7 + 9
                        && System.currentTimeMillis() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.key(), 1, Integer::sum));
                }
            }
            assertThat(counts).containsEntry("a", 11).containsEntry("b", 7).containsEntry("from-file", 9);
        }
    }

    @Test
    void mismatchedSourcesAndStreamIdsAreAUsageError() {
        int code = new CommandLine(new ReplayCommand()).setErr(new PrintWriter(new StringWriter())).execute(
                "--source", "scene:crossing", "--bootstrap", "127.0.0.1:1");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aWrongBootstrapAddressFailsWithinTheTimeoutNamingIt() throws Exception {
        String address = "127.0.0.1:" + freePort();
        StringWriter err = new StringWriter();
        int code = MaskstreamCli.commandLine().setErr(new PrintWriter(err)).execute("replay",
                "--source", "scene:crossing?frames=3", "--stream-id", "a", "--bootstrap", address, "--timeout", "2s");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("maskstream replay: no Kafka broker answered at " + address
                + " within 2 s" + System.lineSeparator());
    }

    @Test
    void aMissingFramesTopicFailsNamingItOrIsCreatedWhenAsked() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            StringWriter err = new StringWriter();
            int missing = MaskstreamCli.commandLine().setErr(new PrintWriter(err)).execute("replay",
                    "--source", "scene:crossing?frames=3", "--stream-id", "a", "--bootstrap", broker.bootstrapServers(),
                    "--fps", "max");
            assertThat(missing).isEqualTo(2);
            assertThat(err.toString()).contains("has no topic frames: create it (deploy/local/kafka.sh create-topics) "
                    + "or give --create-topics");

            StringWriter out = new StringWriter();
            int created = MaskstreamCli.commandLine().setOut(new PrintWriter(out)).execute("replay",
                    "--source", "scene:crossing?frames=3", "--stream-id", "a", "--bootstrap", broker.bootstrapServers(),
                    "--fps", "max", "--create-topics");
            assertThat(created).isZero();
            assertThat(out.toString()).contains("created topic frames").contains("a: done, 3 frames");
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
