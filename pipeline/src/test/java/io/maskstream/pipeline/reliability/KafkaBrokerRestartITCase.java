package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.DeliveryMode;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.JobTestSupport;
import io.maskstream.pipeline.job.JobTestSupport.Recovery;
import io.maskstream.pipeline.job.TrackingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker (a real broker JVM started by {@code deploy/local/kafka.sh}, which keeps its
 * data directory across a restart) is stopped mid-run, after the job has completed a checkpoint, for
 * longer than the producers' delivery timeout: the masklet sink's pending records expire, the job
 * fails while the broker is down and restarts against a missing broker, restores its last
 * checkpoint once the broker is back (the Kafka sink then commits or aborts the transactions it had
 * open), and its read_committed output is byte-identical to the failure-free run. The same outage
 * with an at-least-once masklet sink duplicates output: the control that shows the outage reaches
 * the failure path at all.
 *
 * <p>Tagged {@code cluster}: it needs the deploy/local scripts (their first run resolves Kafka's jars
 * with Maven) and takes a few minutes.
 */
@Tag("cluster")
class KafkaBrokerRestartITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FaultTestSupport.miniCluster();

    private static final int STREAMS = 4;
    private static final int FRAMES = 60;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(25);

    @TempDir
    Path tmp;

    private LocalScripts scripts;

    @BeforeEach
    void startBroker() throws Exception {
        scripts = new LocalScripts(tmp.resolve("run"));
        scripts.kafka("start");
    }

    @AfterEach
    void stopBroker() {
        LocalScripts.stopAll(scripts);
    }

    @Test
    void anOutageLongerThanTheDeliveryTimeoutIsRecoveredFromACheckpointWithIdenticalOutput(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Outage outage = runThroughAnOutage("brokerrestart-", DeliveryMode.EXACTLY_ONCE, cluster);
        assertThat(outage.recovery.restarts()).as("restarts (the expired delivery, then any while the broker was down)")
                .isPositive();
        assertThat(outage.recovery.restoredCheckpoints()).as("restores from a checkpoint").isPositive();
        assertThat(outage.out).as("read_committed output vs the failure-free run").isEqualTo(outage.reference);
    }

    @Test
    void theSameOutageWithAnAtLeastOnceSinkDuplicatesOutput(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Outage outage = runThroughAnOutage("brokerrestart-alo-", DeliveryMode.AT_LEAST_ONCE, cluster);
        assertThat(outage.recovery.restoredCheckpoints()).as("restores from a checkpoint").isPositive();
        assertThat(outage.out).as("at-least-once output vs the failure-free run").isNotEqualTo(outage.reference);
    }

    private record Outage(Recovery recovery, Map<String, List<String>> out, Map<String, List<String>> reference) {}

    private Outage runThroughAnOutage(String prefix, DeliveryMode mode, MiniCluster cluster)
            throws Exception {
        List<FrameRecord> input = FaultTestSupport.createTopicsAndProduce(scripts.bootstrap(), prefix, STREAMS, FRAMES);
        List<String> settings = FaultTestSupport.jobSettings(scripts.bootstrap(), prefix, 2, true);
        settings.add("job.restart-attempts=1000");
        // pending records expire DELIVERY_TIMEOUT after the broker is gone, which fails the writer
        settings.add("kafka.properties.delivery.timeout.ms=" + DELIVERY_TIMEOUT.toMillis());
        settings.add("kafka.properties.request.timeout.ms=" + DELIVERY_TIMEOUT.toMillis() / 2);
        settings.add("kafka.properties.max.block.ms=" + DELIVERY_TIMEOUT.toMillis());
        Configuration conf = FaultTestSupport.jobConfig(settings);

        KafkaSettings kafka = KafkaSettings.from(conf);
        SavepointRescaleITCase.Counting.EMITTED.set(0);
        List<Sink<MaskletFrame>> sinks = List.of(MaskstreamKafka.maskletSink(kafka.withDeliveryMode(mode)),
                new SavepointRescaleITCase.Counting());
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        JobClient job = env.executeAsync("broker-restart");
        String rest = JobTestSupport.restBase(MINI_CLUSTER);
        String jobId = job.getJobID().toHexString();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (SavepointRescaleITCase.Counting.EMITTED.get() < STREAMS * FRAMES / 4
                || JobTestSupport.rest(rest, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong() == 0) {
            assertThat(System.nanoTime()).as("progress and a checkpoint before the broker stop").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(JobTestSupport.rest(rest, "/jobs/" + jobId).path("state").asText())
                .as("the job runs when the broker stops").isEqualTo("RUNNING");
        scripts.kafka("stop");
        // The sink cannot abort its transaction while the broker is gone, which Flink treats as fatal
        // for the TaskManager ("exception in exception handler of task"); as a supervisor (Kubernetes,
        // the deploy scripts) would, the test starts a new TaskManager whenever none is left.
        long back = System.nanoTime() + OUTAGE.toNanos();
        boolean brokerUp = false;
        int replaced = 0;
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!result.isDone()) {
            assertThat(System.nanoTime()).as("the job finishes after the outage").isLessThan(end);
            if (!brokerUp && System.nanoTime() >= back) {
                assertThat(JobTestSupport.recovery(rest, jobId).restarts()).as("the job failed while the broker was down")
                        .isPositive();
                scripts.kafka("start");
                brokerUp = true;
            }
            if (JobTestSupport.rest(rest, "/taskmanagers").path("taskmanagers").isEmpty()) {
                cluster.startTaskManager();
                replaced++;
                while (JobTestSupport.rest(rest, "/taskmanagers").path("taskmanagers").isEmpty()) {
                    Thread.sleep(100);
                }
            }
            Thread.sleep(250);
        }
        result.get();

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), prefix + "masklets", STREAMS * FRAMES, Duration.ofSeconds(120)));
        Recovery recovery = JobTestSupport.recovery(rest, jobId);
        System.out.printf("broker-restart (%s): broker down %d s, %s, %d TaskManagers replaced, %d records read%n",
                mode, OUTAGE.toSeconds(), recovery, replaced, out.values().stream().mapToInt(List::size).sum());
        return new Outage(recovery, out, FaultTestSupport.reference(conf, input));
    }
}
