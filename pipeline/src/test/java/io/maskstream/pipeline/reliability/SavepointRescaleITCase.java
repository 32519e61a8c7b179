package io.maskstream.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.TrackingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Stop with a savepoint mid-run and resume with another parallelism, 1 → 2 → 1, on an unbounded
 * job (MiniCluster, real broker): the read_committed output is complete and byte-identical to the
 * failure-free run.
 */
class SavepointRescaleITCase extends MiniClusterBrokerTest {
    private static final int STREAMS = 3;
    private static final int FRAMES = 45;

    @Test
    void stopWithSavepointAndRescaleOneTwoOneGivesIdenticalOutput() throws Exception {
        String prefix = "rescale-";
        List<FrameRecord> input = FaultTestSupport.streams("cam-", STREAMS, FRAMES);
        int total = STREAMS * FRAMES;
        broker.createTopics(2, FaultTestSupport.topics(prefix));
        FaultTestSupport.produceFrames(broker.bootstrapServers(), prefix + "frames", input);
        List<String> settings = FaultTestSupport.jobSettings(broker.bootstrapServers(), prefix, 1, false);
        String savepoints = tmp.resolve("savepoints").toUri().toString();
        Counting.EMITTED.set(0);

        String savepoint = null;
        int[] parallelism = {1, 2, 1};
        int[] stopAfter = {total / 3, 2 * total / 3};
        JobClient last = null;
        for (int step = 0; step < parallelism.length; step++) {
            List<String> s = new ArrayList<>(settings);
            s.add("job.parallelism=" + parallelism[step]);
            if (savepoint != null) {
                s.add("flink.execution.state-recovery.path=" + savepoint);
            }
            JobClient job = submit(FaultTestSupport.jobConfig(s));
            if (step < stopAfter.length) {
                awaitEmitted(job, stopAfter[step]);
                savepoint = job.stopWithSavepoint(false, savepoints, SavepointFormatType.CANONICAL)
                        .get(120, TimeUnit.SECONDS);
                job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
                System.out.printf("rescale: step %d (parallelism %d) stopped after %d emitted, savepoint %s%n",
                        step, parallelism[step], Counting.EMITTED.get(), savepoint);
            } else {
                last = job;
            }
        }
        try {
            Map<String, List<String>> out = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                    broker.bootstrapServers(), prefix + "masklets", total, Duration.ofSeconds(180)));
            Configuration conf = FaultTestSupport.jobConfig(settings);
            assertThat(out).as("read_committed output vs the failure-free run")
                    .isEqualTo(FaultTestSupport.reference(conf, input));
        } finally {
            last.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static JobClient submit(Configuration conf) throws Exception {
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = List.of(MaskstreamKafka.maskletSink(kafka), new Counting());
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        return env.executeAsync("rescale");
    }

    private static void awaitEmitted(JobClient job, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (Counting.EMITTED.get() < count) {
            if (System.nanoTime() > deadline || job.getJobExecutionResult().isDone()) {
                throw new AssertionError("job emitted only " + Counting.EMITTED.get() + " of " + count
                        + " frames; status " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
    }

    /** Counts emitted masklet frames in this JVM (not committed output: progress only). */
    static final class Counting implements Sink<MaskletFrame> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger EMITTED = new AtomicInteger();

        @Override
        public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(MaskletFrame element, Context ctx) {
                    EMITTED.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
