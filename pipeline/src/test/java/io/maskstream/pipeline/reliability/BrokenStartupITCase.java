package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.pipeline.cli.MaskstreamCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken model directory or configuration stops {@code maskstream run} before anything starts:
 * exit code 2, a message naming the key or manifest field, and on the (real) broker no consumer
 * group, no producer transaction and no output record.
 */
class BrokenStartupITCase {
    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static Path goodModels;
    private static Path brokenModels;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(1, FaultTestSupport.topics("startup-"));
        goodModels = tmp.resolve("models");
        ReferenceModels.build(goodModels);
        brokenModels = tmp.resolve("broken-models");
        Files.createDirectories(brokenModels);
        try (Stream<Path> files = Files.list(goodModels)) {
            for (Path f : files.toList()) {
                Files.copy(f, brokenModels.resolve(f.getFileName()));
            }
        }
        Path manifest = brokenModels.resolve("model.json");
        ObjectNode json = (ObjectNode) FaultTestSupport.JSON.readTree(manifest.toFile());
        ((ObjectNode) json.path("roles").path("conceptEncoder").path("tokenizer")).put("contextLength", -3);
        FaultTestSupport.JSON.writeValue(manifest.toFile(), json);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static Stream<Arguments> brokenStarts() {
        return Stream.of(
                Arguments.of("model directory missing",
                        List.of("model.kit=manifest", "model.dir=" + tmp.resolve("no-such-dir")), "model.dir"),
                Arguments.of("manifest kit without a model directory", List.of("model.kit=manifest"), "model.dir"),
                Arguments.of("manifest field invalid", List.of("model.kit=manifest", "model.dir=" + brokenModels),
                        "roles.conceptEncoder.tokenizer.contextLength"),
                Arguments.of("unknown key", List.of("tracking.iou-treshold=0.3"), "tracking.iou-treshold"),
                Arguments.of("value of the wrong type", List.of("job.parallelism=two"), "job.parallelism"),
                Arguments.of("transaction timeout above the broker's maximum", List.of("kafka.transaction-timeout=1 h"),
                        "kafka.transaction-timeout"),
                Arguments.of("output topic equal to an input topic", List.of("kafka.topic.masklets=startup-frames"),
                        "kafka.topic.masklets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStarts")
    void runRefusesToStartNamingTheFieldAndNothingHalfRuns(String what, List<String> breaking, String named)
            throws Exception {
        Path yaml = tmp.resolve("job-" + Math.abs(what.hashCode()) + ".yaml");
        List<String> lines = new ArrayList<>();
        for (String s : FaultTestSupport.jobSettings(broker.bootstrapServers(), "startup-", 1, false)) {
            int eq = s.indexOf('=');
            lines.add(s.substring(0, eq) + ": \"" + s.substring(eq + 1) + "\"");
        }
        Files.write(yaml, lines);
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        var cli = MaskstreamCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));

        List<String> args = new ArrayList<>(List.of("run", "--config", yaml.toString()));
        breaking.forEach(b -> args.addAll(List.of("--set", b)));
        int code = cli.execute(args.toArray(String[]::new));

        assertThat(code).as("exit code").isEqualTo(2);
        assertThat(err.toString()).as("stderr").startsWith("maskstream run: ").contains(named);
        assertNothingRanOnTheBroker();
    }

    private static void assertNothingRanOnTheBroker() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            assertThat(admin.listGroups().all().get(30, TimeUnit.SECONDS)).as("consumer groups").isEmpty();
            assertThat(admin.listTransactions().all().get(30, TimeUnit.SECONDS)).as("transactions").isEmpty();
            var ends = admin.listOffsets(Map.of(
                            new TopicPartition("startup-masklets", 0), OffsetSpec.latest(),
                            new TopicPartition("startup-frames-dlq", 0), OffsetSpec.latest()))
                    .all().get(30, TimeUnit.SECONDS);
            ends.forEach((tp, info) -> assertThat(info.offset()).as(tp.toString()).isZero());
        }
    }
}
