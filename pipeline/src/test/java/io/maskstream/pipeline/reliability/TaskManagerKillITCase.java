package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskstream.state.record.FrameRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TaskManager crashes on the real local cluster ({@code deploy/local}: a JobManager and two
 * TaskManager JVMs, a Kafka broker JVM): while the job (the shaded jar, submitted with Flink's CLI)
 * works through thousands of frames over several streams, {@code kill -9} a TaskManager at seeded
 * random moments and restart it. Each kill targets a TaskManager that runs a task of the job at that
 * moment (REST: the TaskManagers of each vertex), and each kill must cause a restart (the job's
 * {@code numRestarts} rises). The bounded job must finish, and its read_committed output must be
 * byte-identical to the failure-free run: nothing lost, nothing duplicated, same masks and ids.
 *
 * <p>Tagged {@code cluster}: minutes long, left out of {@code mvn verify} (see RELIABILITY.md).
 * Sizes: {@code -Dmaskstream.faults.streams=8 -Dmaskstream.faults.frames=250 -Dmaskstream.faults.kills=3}.
 */
class TaskManagerKillITCase extends LocalClusterTest {
    private static final int STREAMS = Integer.getInteger("maskstream.faults.streams", 8);
    private static final int FRAMES = Integer.getInteger("maskstream.faults.frames", 250);
    private static final int KILLS = Integer.getInteger("maskstream.faults.kills", 3);
    private static final long SEED = Long.getLong("maskstream.faults.seed", 8L);
    private static final String PREFIX = "tmkill-";

    @Test
    void killingTaskManagersThatRunTheJobLosesAndDuplicatesNothing() throws Exception {
        List<FrameRecord> input = FaultTestSupport.createTopicsAndProduce(scripts.bootstrap(), PREFIX, STREAMS, FRAMES);

        List<String> settings = jobSettings("tm-kill", PREFIX, 2, true);
        settings.add("job.restart-attempts=1000");
        Path yaml = FaultTestSupport.writeJobYaml(tmp.resolve("job.yaml"), settings);

        long start = System.nanoTime();
        String jobId = scripts.submit(yaml, null);

        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        List<long[]> restartsAroundKills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            scripts.awaitRunningWithCheckpoint(jobId, Duration.ofMinutes(5));
            Thread.sleep(3_000 + random.nextInt(8_000));
            List<Integer> busy = busyTaskManagers(jobId);
            if (busy.isEmpty()) {
                break; // the job has ended
            }
            int tm = busy.get(random.nextInt(busy.size()));
            long restartsBefore = scripts.numRestarts(jobId);
            long restoredBefore = scripts.checkpoints(jobId).path("counts").path("restored").asLong();
            long killedAt = System.nanoTime();
            scripts.cluster("kill-taskmanager", String.valueOf(tm));
            Thread.sleep(random.nextInt(3_000));
            scripts.cluster("start-taskmanager", String.valueOf(tm));
            double recovered = awaitRecovery(jobId, restoredBefore, killedAt);
            long restoredAfter = scripts.checkpoints(jobId).path("counts").path("restored").asLong();
            long restartsAfter = awaitRestartsAbove(jobId, restartsBefore);
            restartsAroundKills.add(new long[] {restartsBefore, restartsAfter, restoredBefore, restoredAfter});
            kills.add(String.format("kill %d: taskmanager %d (running tasks: %s), numRestarts %d -> %d, "
                    + "restores from a checkpoint %d -> %d, recovered (restored + new checkpoint) after %.1f s",
                    k + 1, tm, busy, restartsBefore, restartsAfter, restoredBefore, restoredAfter, recovered));
        }
        String finalState = scripts.awaitTerminal(jobId, Duration.ofMinutes(20));
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        int failures = FaultTestSupport.failureCount(scripts.restBase(), jobId);
        long restarts = scripts.numRestarts(jobId);

        int expected = FaultTestSupport.frameCount(input);
        var out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), PREFIX + "masklets", expected, Duration.ofSeconds(120)));
        Map<String, List<String>> reference =
                FaultTestSupport.reference(FaultTestSupport.jobConfig(settings), input);
        int received = out.values().stream().mapToInt(List::size).sum();
        System.out.printf("tm-kill: %d streams x %d frames, job %s in %.0f s, %d restarts, %d failures in history, "
                + "%d/%d records%n  %s%n", STREAMS, FRAMES, finalState, jobSeconds, restarts, failures, received,
                expected, String.join("\n  ", kills));

        assertThat(finalState).isEqualTo("FINISHED");
        assertThat(kills).as("kills made while the job ran").hasSize(KILLS);
        assertThat(restartsAroundKills).as("every kill hit a TaskManager running the job and caused a restart "
                        + "from a checkpoint: numRestarts and the restored-checkpoint count rose")
                .allSatisfy(r -> {
                    assertThat(r[1]).isGreaterThan(r[0]);
                    assertThat(r[3]).isGreaterThan(r[2]);
                });
        assertThat(out).as("read_committed output vs the failure-free run").isEqualTo(reference);
    }

    /** TaskManagers that run a task of the job now; waits out a restart in progress (tasks being deployed). */
    private static List<Integer> busyTaskManagers(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (LocalScripts.isTerminal(scripts.jobState(jobId))) {
                return List.of();
            }
            List<Integer> busy = scripts.taskManagersRunningTasks(jobId);
            if (!busy.isEmpty()) {
                return busy;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no TaskManager runs a task of job " + jobId + " for 2 min");
    }

    /**
     * The job's numRestarts once it is above {@code before}, or its value after 60 s. The REST API
     * serves metrics from a cache the JobManager refreshes every 10 s
     * ({@code metrics.fetcher.update-interval}), so right after the recovery it may still be the old value.
     */
    private static long awaitRestartsAbove(String jobId, long before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long restarts = scripts.numRestarts(jobId);
        while (restarts <= before && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            restarts = scripts.numRestarts(jobId);
        }
        return restarts;
    }

    /**
     * Seconds from the kill until the job restored from a checkpoint and completed a new one (or
     * finished).
     */
    private static double awaitRecovery(String jobId, long restoredBefore, long killedAt) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (LocalScripts.isTerminal(scripts.jobState(jobId))) {
                return (System.nanoTime() - killedAt) / 1e9;
            }
            JsonNode c = scripts.checkpoints(jobId);
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
}
