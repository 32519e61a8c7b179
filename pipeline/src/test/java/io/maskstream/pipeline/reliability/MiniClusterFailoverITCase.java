package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.job.FailAfterCheckpointSink;
import io.maskstream.pipeline.job.FailAfterCheckpointSink.Point;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.JobTestSupport;
import io.maskstream.pipeline.job.JobTestSupport.Recovery;
import io.maskstream.pipeline.job.TrackingJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The bounded CI variant of the TaskManager-kill test: several failures injected at seeded random
 * points into a job over several streams (MiniCluster, real broker), each while frames still flow and
 * after a completed checkpoint; every restart restores a checkpoint, and the read_committed output
 * is byte-identical to the failure-free run.
 */
class MiniClusterFailoverITCase extends MiniClusterBrokerTest {
    private static final int STREAMS = 4;
    private static final int FRAMES = 40;
    private static final int FAILURES = 3;
    private static final long SEED = 20261122L;

    @Test
    void severalFailuresAtSeededRandomPointsRestoreACheckpointAndLoseAndDuplicateNothing() throws Exception {
        String prefix = "failover-";
        List<FrameRecord> input = FaultTestSupport.streams("cam-", STREAMS, FRAMES);
        broker.createTopics(2, FaultTestSupport.topics(prefix));
        FaultTestSupport.produceFrames(broker.bootstrapServers(), prefix + "frames", input);

        // Output seq s leaves the tracker only after input s + delay; up to FRAMES - delay - 6 a
        // failure hits while frames still flow, not in the end-of-stream flush.
        int lastSeq = FRAMES - TrackerOptions.CONFIRMATION_DELAY.defaultValue() - 6;
        Random random = new Random(SEED);
        Map<String, Point> byStream = new TreeMap<>();
        while (byStream.size() < FAILURES) {
            String stream = "cam-" + random.nextInt(STREAMS);
            byStream.putIfAbsent(stream, new Point(stream, 5 + random.nextInt(lastSeq - 10), lastSeq));
        }
        List<Point> points = new ArrayList<>(byStream.values());
        FailAfterCheckpointSink.reset();

        Configuration conf = FaultTestSupport.jobConfig(
                FaultTestSupport.jobSettings(broker.bootstrapServers(), prefix, 2, true));
        KafkaSettings kafka = KafkaSettings.from(conf);
        String rest = JobTestSupport.restBase(MINI_CLUSTER);
        List<Sink<MaskletFrame>> sinks = List.of(
                MaskstreamKafka.maskletSink(kafka), new FailAfterCheckpointSink(rest, points));
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("failover");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                broker.bootstrapServers(), prefix + "masklets", STREAMS * FRAMES, Duration.ofSeconds(60)));
        Map<String, List<String>> reference = FaultTestSupport.reference(conf, input);
        Recovery recovery = JobTestSupport.recovery(rest, result.getJobID().toHexString());
        System.out.printf("failover: points %s, fired at %s, %s, restart ms %s, job %d s%n",
                points, FailAfterCheckpointSink.FIRED, recovery, FailAfterCheckpointSink.RESTART_MILLIS, seconds);

        assertThat(FailAfterCheckpointSink.FIRED.keySet()).as("every injected failure fired").isEqualTo(Set.copyOf(points));
        assertThat(recovery).as("a restart per failure, each restoring a checkpoint")
                .isEqualTo(new Recovery(FAILURES, FAILURES));
        assertThat(out).as("read_committed output vs the failure-free run").isEqualTo(reference);
    }
}
