package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.operators.inference.reference.ReferenceModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TaskManager crashes on the real local cluster ({@code deploy/local}: a JobManager and two
 * TaskManager JVMs, a Kafka broker JVM): while the job (the shaded jar, submitted with Flink's CLI)
 * works through thousands of frames over several streams, {@code kill -9} a TaskManager at seeded
 * random moments and restart it. The bounded job must finish, and its read_committed output must be
 * byte-identical to the failure-free run: nothing lost, nothing duplicated, same masks and ids.
 *
 * <p>Tagged {@code cluster}: minutes long, left out of {@code mvn verify} (see RELIABILITY.md).
 * Sizes: {@code -Dmaskstream.faults.streams=8 -Dmaskstream.faults.frames=250 -Dmaskstream.faults.kills=3}.
 */
@Tag("cluster")
class TaskManagerKillITCase {
    private static final int STREAMS = Integer.getInteger("maskstream.faults.streams", 8);
    private static final int FRAMES = Integer.getInteger("maskstream.faults.frames", 250);
    private static final int KILLS = Integer.getInteger("maskstream.faults.kills", 3);
    private static final long SEED = Long.getLong("maskstream.faults.seed", 8L);
    private static final String PREFIX = "tmkill-";

    @TempDir
    static Path tmp;

    private static LocalScripts scripts;

    @BeforeAll
    static void startCluster() throws Exception {
        scripts = new LocalScripts(tmp.resolve("run"));
        Assumptions.assumeTrue(Files.isRegularFile(scripts.repoRoot.resolve("pipeline/target/maskstream.jar")),
                "pipeline/target/maskstream.jar is missing: run `mvn package` (or mvn verify) first");
        try {
            scripts.kafka("start");
            scripts.cluster("start");
        } catch (RuntimeException e) {
            scripts.stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopCluster() {
        if (scripts != null) {
            scripts.stopAll();
        }
    }

    @Test
    void killingTaskManagersMidRunLosesAndDuplicatesNothing() throws Exception {
        Path models = tmp.resolve("models");
        ReferenceModels.build(models);
        FaultTestSupport.createTopics(scripts.bootstrap(), 2, FaultTestSupport.topics(PREFIX));
        List<FrameRecord> input = FaultTestSupport.streams("cam-", STREAMS, FRAMES);
        FaultTestSupport.produceFrames(scripts.bootstrap(), PREFIX + "frames", input);

        List<String> settings = FaultTestSupport.jobSettings(scripts.bootstrap(), PREFIX, models, 2, true);
        settings.add("job.checkpoint-dir=" + tmp.resolve("checkpoints").toUri());
        settings.add("job.checkpoint-interval=1 s");
        settings.add("job.restart-attempts=1000");
        settings.add("job.name=tm-kill");
        Path yaml = tmp.resolve("job.yaml");
        List<String> lines = new ArrayList<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            lines.add(s.substring(0, eq) + ": \"" + s.substring(eq + 1) + "\"");
        }
        Files.write(yaml, lines);

        long start = System.nanoTime();
        String submitted = scripts.cluster("flink", "run", "--detached",
                scripts.repoRoot.resolve("pipeline/target/maskstream.jar").toString(), "run", "--config", yaml.toString());
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted);
        assertThat(m.find()).as("job id in: " + submitted).isTrue();
        String jobId = m.group(1);

        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            awaitRunningWithCheckpoint(jobId);
            Thread.sleep(3_000 + random.nextInt(8_000));
            if (isTerminal(jobState(jobId))) {
                break;
            }
            int tm = 1 + random.nextInt(2);
            long restoredBefore = checkpoints(jobId).path("counts").path("restored").asLong();
            long killedAt = System.nanoTime();
            scripts.cluster("kill-taskmanager", String.valueOf(tm));
            Thread.sleep(random.nextInt(3_000));
            scripts.cluster("start-taskmanager", String.valueOf(tm));
            double recovered = awaitRecovery(jobId, restoredBefore, killedAt);
            kills.add(String.format("kill %d: taskmanager %d, recovered (restored + new checkpoint) after %.1f s",
                    k + 1, tm, recovered));
        }
        String finalState = awaitTerminal(jobId, Duration.ofMinutes(20));
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        int failures = FaultTestSupport.failureCount(scripts.restBase(), jobId);

        int expected = FaultTestSupport.frameCount(input);
        var out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), PREFIX + "masklets", expected, Duration.ofSeconds(120)));
        Map<String, List<String>> reference =
                FaultTestSupport.reference(FaultTestSupport.jobConfig(settings), input);
        int received = out.values().stream().mapToInt(List::size).sum();
        System.out.printf("tm-kill: %d streams x %d frames, job %s in %.0f s, %d failures in history, %d/%d records%n  %s%n",
                STREAMS, FRAMES, finalState, jobSeconds, failures, received, expected, String.join("\n  ", kills));

        assertThat(finalState).isEqualTo("FINISHED");
        assertThat(kills).as("kills made while the job ran").isNotEmpty();
        assertThat(failures).as("the kills were failures the job recovered from").isGreaterThanOrEqualTo(kills.size());
        assertThat(out).as("read_committed output vs the failure-free run").isEqualTo(reference);
    }

    private static JsonNode checkpoints(String jobId) {
        return FaultTestSupport.rest(scripts.restBase(), "/jobs/" + jobId + "/checkpoints");
    }

    private static String jobState(String jobId) {
        return FaultTestSupport.rest(scripts.restBase(), "/jobs/" + jobId).path("state").asText();
    }

    private static boolean isTerminal(String state) {
        return List.of("FINISHED", "FAILED", "CANCELED").contains(state);
    }

    private static void awaitRunningWithCheckpoint(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String s = jobState(jobId);
            if (isTerminal(s) || (s.equals("RUNNING") && checkpoints(jobId).path("counts").path("completed").asLong() > 0)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not complete a checkpoint in 5 min");
    }

    /** Seconds from the kill until the job restored from a checkpoint and completed a new one (or finished). */
    private static double awaitRecovery(String jobId, long restoredBefore, long killedAt) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (isTerminal(jobState(jobId))) {
                return (System.nanoTime() - killedAt) / 1e9;
            }
            JsonNode c = checkpoints(jobId);
            long restored = c.path("counts").path("restored").asLong();
            long restoredId = c.path("latest").path("restored").path("id").asLong(-1);
            long completedId = c.path("latest").path("completed").path("id").asLong(-1);
            if (restored > restoredBefore && completedId > restoredId) {
                return (System.nanoTime() - killedAt) / 1e9;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not recover within 5 min of the kill");
    }

    private static String awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String s = jobState(jobId);
            if (isTerminal(s)) {
                return s;
            }
            Thread.sleep(1_000);
        }
        return jobState(jobId);
    }
}
