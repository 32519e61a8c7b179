package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskletFrameSerializationSchema;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.operators.inference.reference.ReferenceModels;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.JobTestSupport;
import io.maskstream.pipeline.job.JobTestSupport.Recovery;
import io.maskstream.pipeline.job.TrackingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker (a real broker JVM started by {@code deploy/local/kafka.sh}, which keeps its
 * data directory across a restart) is stopped mid-run, after the job has completed a checkpoint, and
 * a task fails while it is down: the job restarts against a missing broker, restores its last
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
    void aTaskFailureDuringABrokerOutageIsRecoveredFromACheckpointWithIdenticalOutput() throws Exception {
        Outage outage = runThroughAnOutage("brokerrestart-", DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(outage.recovery.restarts()).as("restarts (the injected failure, then any while the broker was down)")
                .isPositive();
        assertThat(outage.recovery.restoredCheckpoints()).as("restores from a checkpoint").isPositive();
        assertThat(outage.out).as("read_committed output vs the failure-free run").isEqualTo(outage.reference);
    }

    @Test
    void theSameOutageWithAnAtLeastOnceSinkDuplicatesOutput() throws Exception {
        Outage outage = runThroughAnOutage("brokerrestart-alo-", DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(outage.recovery.restoredCheckpoints()).as("restores from a checkpoint").isPositive();
        assertThat(outage.out).as("at-least-once output vs the failure-free run").isNotEqualTo(outage.reference);
    }

    private record Outage(Recovery recovery, Map<String, List<String>> out, Map<String, List<String>> reference) {}

    private Outage runThroughAnOutage(String prefix, DeliveryGuarantee guarantee) throws Exception {
        Path models = tmp.resolve("models");
        ReferenceModels.build(models);
        List<FrameRecord> input = FaultTestSupport.createTopicsAndProduce(scripts.bootstrap(), prefix, STREAMS, FRAMES);
        List<String> settings = FaultTestSupport.jobSettings(scripts.bootstrap(), prefix, models, 2, true);
        settings.add("job.restart-attempts=100");
        Configuration conf = FaultTestSupport.jobConfig(settings);

        KafkaSettings kafka = KafkaSettings.from(conf);
        FailWhenArmed.reset();
        List<Sink<MaskletFrame>> sinks = List.of(maskletSink(kafka, guarantee), new FailWhenArmed());
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        JobClient job = env.executeAsync("broker-restart");
        String rest = JobTestSupport.restBase(MINI_CLUSTER);
        String jobId = job.getJobID().toHexString();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (FailWhenArmed.EMITTED.get() < STREAMS * FRAMES / 4
                || JobTestSupport.rest(rest, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong() == 0) {
            assertThat(System.nanoTime()).as("progress and a checkpoint before the broker stop").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(JobTestSupport.rest(rest, "/jobs/" + jobId).path("state").asText())
                .as("the job runs when the broker stops").isEqualTo("RUNNING");
        scripts.kafka("stop");
        FailWhenArmed.ARMED.set(true);
        Thread.sleep(10_000);
        assertThat(FailWhenArmed.FIRED).as("a task failed while the broker was down").isTrue();
        scripts.kafka("start");
        job.getJobExecutionResult().get(10, TimeUnit.MINUTES);

        Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                scripts.bootstrap(), prefix + "masklets", STREAMS * FRAMES, Duration.ofSeconds(120)));
        Recovery recovery = JobTestSupport.recovery(rest, jobId);
        System.out.printf("broker-restart (%s): %s, %d records read%n", guarantee, recovery,
                out.values().stream().mapToInt(List::size).sum());
        return new Outage(recovery, out, FaultTestSupport.reference(conf, input));
    }

    /** The product's masklet sink, or the same sink with another delivery guarantee (the control). */
    private static Sink<MaskletFrame> maskletSink(KafkaSettings kafka, DeliveryGuarantee guarantee) {
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            return MaskstreamKafka.maskletSink(kafka);
        }
        return KafkaSink.<MaskletFrame>builder()
                .setKafkaProducerConfig(kafka.clientPropertiesAsProperties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new MaskletFrameSerializationSchema(kafka.maskletsTopic()))
                .setDeliveryGuarantee(guarantee)
                .build();
    }

    /**
     * Counts emitted masklet frames (progress) and fails the job once, at the first frame after
     * {@link #ARMED} is set: the test arms it when the broker is down. The Kafka source has fetched
     * ahead, so frames keep reaching the sinks during the outage.
     */
    static final class FailWhenArmed implements Sink<MaskletFrame> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger EMITTED = new AtomicInteger();
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FIRED = new AtomicBoolean();

        static void reset() {
            EMITTED.set(0);
            ARMED.set(false);
            FIRED.set(false);
        }

        @Override
        public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(MaskletFrame frame, Context ctx) {
                    EMITTED.incrementAndGet();
                    if (ARMED.get() && FIRED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure during the broker outage at "
                                + frame.streamId() + "#" + frame.seq());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
