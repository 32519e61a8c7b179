package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Stop with a savepoint and rescale 1 → 2 → 1 on the real local session cluster
 * ({@code deploy/local}: JobManager and two TaskManager JVMs, a Kafka broker JVM): the shaded jar is
 * submitted with Flink's CLI with a third of the input in the frames topic, stopped with a savepoint
 * through the REST API once that is committed; the second third produced, resumed from the
 * savepoint ({@code flink run --fromSavepoint}) with parallelism 2 (the keyed state split over two
 * subtasks, on both TaskManagers), stopped again; the last third produced, resumed with
 * parallelism 1 until every frame is committed. The read_committed output must be
 * byte-identical to the failure-free run. {@link SavepointRescaleITCase} is the same on a
 * MiniCluster (in CI).
 *
 * <p>Tagged {@code cluster}: minutes long, left out of {@code mvn verify} (see RELIABILITY.md).
 * Sizes: {@code -Dmaskstream.rescale.streams=3 -Dmaskstream.rescale.frames=60}.
 */
class SessionClusterRescaleITCase extends LocalClusterTest {
    private static final int STREAMS = Integer.getInteger("maskstream.rescale.streams", 3);
    private static final int FRAMES = Integer.getInteger("maskstream.rescale.frames", 60);
    private static final String PREFIX = "clusterrescale-";

    @Test
    void stopWithSavepointAndRescaleOneTwoOneOnTheSessionClusterGivesIdenticalOutput() throws Exception {
        FaultTestSupport.createTopics(scripts.bootstrap(), 2, FaultTestSupport.topics(PREFIX));
        List<FrameRecord> input = FaultTestSupport.streams("cam-", STREAMS, FRAMES);
        int total = FaultTestSupport.frameCount(input);
        List<String> settings = jobSettings("cluster-rescale", PREFIX, 1, false);

        // The input arrives in three parts, the next one only after the previous job was stopped: every
        // step has frames to track, and the stops fall mid-stream (tracks and held-back frames in state).
        int[] parallelism = {1, 2, 1};
        List<String> steps = new ArrayList<>();
        String savepoint = null;
        String lastJob = null;
        int produced = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> committed = new KafkaConsumer<>(
                FaultTestSupport.consumerProperties(scripts.bootstrap()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            committed.subscribe(List.of(PREFIX + "masklets"));
            int[] seen = {0};
            for (int step = 0; step < parallelism.length; step++) {
                List<FrameRecord> part = input.subList(step * input.size() / 3, (step + 1) * input.size() / 3);
                FaultTestSupport.produceFrames(scripts.bootstrap(), PREFIX + "frames", part);
                produced += FaultTestSupport.frameCount(part);
                List<String> s = new ArrayList<>(settings);
                s.set(s.indexOf("job.parallelism=1"), "job.parallelism=" + parallelism[step]);
                Path yaml = FaultTestSupport.writeJobYaml(tmp.resolve("job-" + step + ".yaml"), s);
                String jobId = scripts.submit(yaml, savepoint);
                lastJob = jobId;
                scripts.awaitRunningWithCheckpoint(jobId, Duration.ofMinutes(5));
                if (savepoint != null) {
                    assertThat(scripts.checkpoints(jobId).path("latest").path("restored").path("external_path").asText())
                            .as("step %d restored from the savepoint of step %d", step, step - 1)
                            .isEqualTo(savepoint);
                }
                int p = parallelism[step];
                assertThat(scripts.rest("/jobs/" + jobId).path("vertices")).as("the tracking vertex of step %d", step)
                        .anySatisfy(v -> {
                            assertThat(v.path("name").asText()).startsWith("masklet-tracking");
                            assertThat(v.path("parallelism").asInt()).isEqualTo(p);
                        });
                int before = seen[0];
                if (step < parallelism.length - 1) {
                    awaitCommittedOrQuiet(committed, seen, produced, jobId);
                    List<Integer> taskManagers = scripts.taskManagersRunningTasks(jobId);
                    savepoint = scripts.stopWithSavepoint(jobId, tmp.resolve("savepoints"), Duration.ofMinutes(3));
                    seen[0] += committed.poll(Duration.ofSeconds(2)).count();
                    steps.add(String.format("step %d: parallelism %d on taskmanagers %s, %d of %d produced frames "
                            + "committed when stopped, savepoint %s", step, p, taskManagers, seen[0], produced, savepoint));
                } else {
                    awaitCommitted(committed, seen, total, jobId);
                    steps.add(String.format("step %d: parallelism %d, ran until all %d committed", step, p, seen[0]));
                }
                assertThat(seen[0]).as("frames committed by step %d", step).isGreaterThan(before);
            }
        } finally {
            if (lastJob != null && !LocalScripts.isTerminal(scripts.jobState(lastJob))) {
                scripts.cluster("flink", "cancel", lastJob);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), PREFIX + "masklets", total, Duration.ofSeconds(120)));
        int received = out.values().stream().mapToInt(List::size).sum();
        System.out.printf("cluster-rescale: %d streams x %d frames in %.0f s, %d/%d records%n  %s%n",
                STREAMS, FRAMES, seconds, received, total, String.join("\n  ", steps));
        assertThat(out).as("read_committed output vs the failure-free run")
                .isEqualTo(FaultTestSupport.reference(FaultTestSupport.jobConfig(settings), input));
    }

    /**
     * Reads on until {@code count} records are committed, or, once some were, until none came for
     * 10 s (the tracker may hold frames back until later ones arrive: those stay in the savepoint).
     */
    private static void awaitCommittedOrQuiet(KafkaConsumer<byte[], byte[]> committed, int[] seen, int count,
            String jobId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int first = seen[0];
        long lastNew = System.nanoTime();
        while (seen[0] < count && (seen[0] == first || System.nanoTime() - lastNew < Duration.ofSeconds(10).toNanos())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen[0] + " of " + count + " frames committed; job "
                        + jobId + " is " + scripts.jobState(jobId));
            }
            int n = committed.poll(Duration.ofMillis(500)).count();
            if (n > 0) {
                seen[0] += n;
                lastNew = System.nanoTime();
            }
        }
    }

    /** Reads on with {@code committed} until {@code count} records of the output topic are committed. */
    private static void awaitCommitted(KafkaConsumer<byte[], byte[]> committed, int[] seen, int count, String jobId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen[0] < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen[0] + " of " + count + " frames committed; job "
                        + jobId + " is " + scripts.jobState(jobId));
            }
            seen[0] += committed.poll(Duration.ofMillis(500)).count();
        }
    }
}
