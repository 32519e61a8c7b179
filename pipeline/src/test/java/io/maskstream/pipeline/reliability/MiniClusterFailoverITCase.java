package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.TrackingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The bounded CI variant of the TaskManager-kill test: several failures injected at seeded random
 * points into a job over several streams (MiniCluster, real broker); after every recovery from the
 * last checkpoint the read_committed output is byte-identical to the failure-free run.
 */
class MiniClusterFailoverITCase extends MiniClusterBrokerTest {
    private static final int STREAMS = 4;
    private static final int FRAMES = 40;
    private static final int FAILURES = 3;
    private static final long SEED = 20261122L;

    @Test
    void severalFailuresAtSeededRandomPointsLoseAndDuplicateNothing() throws Exception {
        String prefix = "failover-";
        List<FrameRecord> input = FaultTestSupport.streams("cam-", STREAMS, FRAMES);
        broker.createTopics(2, FaultTestSupport.topics(prefix));
        FaultTestSupport.produceFrames(broker.bootstrapServers(), prefix + "frames", input);

        Random random = new Random(SEED);
        TreeSet<String> points = new TreeSet<>();
        while (points.size() < FAILURES) {
            points.add("cam-" + random.nextInt(STREAMS) + "#" + (5 + random.nextInt(FRAMES - 10)));
        }
        InjectedFailureSink.reset();

        Configuration conf = FaultTestSupport.jobConfig(
                FaultTestSupport.jobSettings(broker.bootstrapServers(), prefix, models, 2, true));
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = List.of(
                MaskstreamKafka.maskletSink(kafka), new InjectedFailureSink(new ArrayList<>(points)));
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("failover");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                broker.bootstrapServers(), prefix + "masklets", STREAMS * FRAMES, Duration.ofSeconds(60)));
        Map<String, List<String>> reference = FaultTestSupport.reference(conf, input);
        Configuration client = MINI_CLUSTER.getClientConfiguration();
        int failures = FaultTestSupport.failureCount(
                "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT),
                result.getJobID().toHexString());
        System.out.printf("failover: points %s, failures %d, restart ms %s, job %d s%n",
                points, failures, InjectedFailureSink.RESTART_MILLIS, seconds);

        assertThat(InjectedFailureSink.FIRED).as("every injected failure fired").isEqualTo(points);
        assertThat(failures).as("failures in the job's exception history").isEqualTo(FAILURES);
        assertThat(out).as("read_committed output vs the failure-free run").isEqualTo(reference);
    }
}
