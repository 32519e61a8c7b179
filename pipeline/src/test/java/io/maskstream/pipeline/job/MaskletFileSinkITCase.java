package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.results.MaskletFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code job.output-file} sink on a running (unbounded) job against a real broker: a stream's
 * end of stream finishes its part file at the next checkpoint, in the stream's own directory under
 * its documented name, while the job keeps running and other streams keep their files open.
 */
class MaskletFileSinkITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = JobTestSupport.miniCluster();

    private static final int FRAMES = 20;

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anEndedStreamsFramesAreInAFinishedFileInItsDirectoryWhileTheJobRuns() throws Exception {
        String prefix = "files-";
        broker.createTopics(1, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        List<FrameRecord> ended = JobTestSupport.sceneRecords("crossing", "cam-ended", FRAMES);
        List<FrameRecord> running = JobTestSupport.sceneRecords("crossing", "cam-running", FRAMES);
        running = running.subList(0, FRAMES); // no end-of-stream marker: this stream goes on
        JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames",
                JobTestSupport.interleave(List.of(ended, running)));

        Path out = tmp.resolve("out");
        JobClient job = startJob(prefix, out, List.of());
        try {
            List<Path> parts = awaitFinishedParts(out, "cam-ended");

            assertThat(parts).hasSize(1);
            Path part = parts.get(0);
            assertThat(part.getParent()).isEqualTo(out.resolve("cam-ended"));
            assertThat(part.getFileName().toString()).startsWith("masklets-").endsWith(".jsonl");
            assertThat(Files.readAllLines(part)).hasSize(FRAMES);
            assertThat(MaskletFiles.readStream(out, "cam-ended"))
                    .extracting(MaskletFrame::seq)
                    .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
            try (Stream<Path> left = Files.list(out.resolve("cam-ended"))) {
                assertThat(left).as("no hidden in-progress file is left for the ended stream").containsExactly(part);
            }
            assertThat(MaskletFiles.finishedParts(out, "cam-running")).as("a running stream's file stays open").isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aFailureBeforeTheEndOfStreamLeavesEachFrameInTheFinishedFilesExactlyOnce() throws Exception {
        String prefix = "files-failure-";
        int frames = 40;
        broker.createTopics(1, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames",
                JobTestSupport.sceneRecords("crossing", "cam-failing", frames));
        FailAfterCheckpointSink.reset();
        FailAfterCheckpointSink.Point point = new FailAfterCheckpointSink.Point("cam-failing", 10, 30);

        Path out = tmp.resolve("out-failure");
        JobClient job = startJob(prefix, out, List.of(new FailAfterCheckpointSink(JobTestSupport.restBase(MINI_CLUSTER), List.of(point))));
        try {
            awaitFinishedParts(out, "cam-failing");

            assertThat(FailAfterCheckpointSink.FIRED).as("the failure was injected after a checkpoint")
                    .containsKey(point);
            // readStream refuses a repeated seq, so this is every frame exactly once.
            assertThat(MaskletFiles.readStream(out, "cam-failing"))
                    .extracting(MaskletFrame::seq)
                    .containsExactlyElementsOf(LongStream.range(0, frames).boxed().toList());
        } finally {
            job.cancel().get();
        }
    }

    /** Starts the unbounded job with the file sink into {@code out} (and Kafka, plus {@code extra}). */
    private static JobClient startJob(String prefix, Path out, List<Sink<MaskletFrame>> extra) throws Exception {
        Configuration conf = JobTestSupport.jobConfig(broker.bootstrapServers(), prefix,
                List.of("red", "green", "blue"), 1);
        conf.setString("kafka.bounded", "false");
        conf.setString("stream.idle-timeout", "1 h");
        conf.setString("job.output-file", out.toString());
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>(List.of(MaskstreamKafka.maskletSink(kafka)));
        sinks.addAll(extra);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        return env.executeAsync(prefix + "job");
    }

    /** Polls until the stream has a finished part file (the job runs on, so there is no end to wait for). */
    private static List<Path> awaitFinishedParts(Path out, String streamId) throws Exception {
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < 1200 && parts.isEmpty(); i++) {
            Thread.sleep(100);
            parts = MaskletFiles.finishedParts(out, streamId);
        }
        return parts;
    }
}
