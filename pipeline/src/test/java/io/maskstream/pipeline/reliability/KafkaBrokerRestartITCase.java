package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.operators.inference.reference.ReferenceModels;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.TrackingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker (a real broker JVM started by {@code deploy/local/kafka.sh}, which keeps its
 * data directory across a restart) is stopped mid-run and started again; the job (MiniCluster)
 * recovers by itself and its read_committed output is byte-identical to the failure-free run.
 *
 * <p>Tagged {@code cluster}: it needs the deploy/local scripts (their first run resolves Kafka's jars
 * with Maven) and takes about a minute.
 */
@Tag("cluster")
class KafkaBrokerRestartITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FaultTestSupport.miniCluster();

    private static final int STREAMS = 4;
    private static final int FRAMES = 60;
    private static final String PREFIX = "brokerrestart-";

    @TempDir
    static Path tmp;

    private static LocalScripts scripts;

    @BeforeAll
    static void startBroker() throws Exception {
        scripts = new LocalScripts(tmp.resolve("run"));
        scripts.kafka("start");
    }

    @AfterAll
    static void stopBroker() {
        LocalScripts.stopAll(scripts);
    }

    @Test
    void theJobRidesOutABrokerRestartWithIdenticalOutput() throws Exception {
        Path models = tmp.resolve("models");
        ReferenceModels.build(models);
        List<FrameRecord> input = FaultTestSupport.createTopicsAndProduce(scripts.bootstrap(), PREFIX, STREAMS, FRAMES);
        List<String> settings = FaultTestSupport.jobSettings(scripts.bootstrap(), PREFIX, models, 2, true);
        settings.add("job.restart-attempts=100");
        Configuration conf = FaultTestSupport.jobConfig(settings);

        KafkaSettings kafka = KafkaSettings.from(conf);
        SavepointRescaleITCase.Counting.EMITTED.set(0);
        List<Sink<MaskletFrame>> sinks = List.of(MaskstreamKafka.maskletSink(kafka), new SavepointRescaleITCase.Counting());
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        JobClient job = env.executeAsync("broker-restart");

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (SavepointRescaleITCase.Counting.EMITTED.get() < STREAMS * FRAMES / 4) {
            assertThat(System.nanoTime()).as("progress before the broker stop").isLessThan(deadline);
            Thread.sleep(100);
        }
        long stoppedAt = System.nanoTime();
        scripts.kafka("stop");
        Thread.sleep(5_000);
        scripts.kafka("start");
        double downSeconds = (System.nanoTime() - stoppedAt) / 1e9;
        long t0 = System.nanoTime();
        job.getJobExecutionResult().get(10, TimeUnit.MINUTES);
        double afterRestart = (System.nanoTime() - t0) / 1e9;

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), PREFIX + "masklets", STREAMS * FRAMES, Duration.ofSeconds(120)));
        Configuration client = MINI_CLUSTER.getClientConfiguration();
        int failures = FaultTestSupport.failureCount(
                "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT),
                job.getJobID().toHexString());
        System.out.printf("broker-restart: broker down %.1f s (stop + 5 s + start), job finished %.1f s after the "
                + "restart, %d failures in history%n", downSeconds, afterRestart, failures);
        assertThat(out).as("read_committed output vs the failure-free run")
                .isEqualTo(FaultTestSupport.reference(conf, input));
    }
}
