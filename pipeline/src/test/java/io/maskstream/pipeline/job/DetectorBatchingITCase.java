package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.flink.MaskletTrackingOperator;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.pipeline.reliability.MiniClusterBrokerTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three interleaved streams on one subtask: with the detector micro-batched across them
 * ({@code stream.detector-max-batch} 4) the job's output is byte-identical to no batching, also
 * across a failure and restore.
 */
class DetectorBatchingITCase extends MiniClusterBrokerTest {
    private static final Map<String, String> SCENES = Map.of("cam-a", "crossing", "cam-b", "distractor", "cam-c", "occlusion");
    private static final int FRAMES = 32;

    private static List<FrameRecord> input;
    private static List<String> concepts;
    private static Map<String, List<String>> unbatched;
    private static long framesDetectedInBatch;

    @BeforeAll
    static void start() throws Exception {
        List<List<FrameRecord>> streams = new ArrayList<>();
        for (var e : new TreeMap<>(SCENES).entrySet()) {
            streams.add(JobTestSupport.sceneRecords(e.getValue(), e.getKey(), FRAMES));
        }
        input = JobTestSupport.interleave(streams);
        concepts = List.of("red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white");
        unbatched = run("unbatched-", 1, List.of());
    }

    @Test
    void aBatchOfFourGivesByteIdenticalOutput() throws Exception {
        assertThat(unbatched.keySet()).containsExactlyInAnyOrderElementsOf(SCENES.keySet());
        unbatched.values().forEach(frames -> assertThat(frames).hasSize(FRAMES));
        assertThat(run("batched-", 4, List.of())).isEqualTo(unbatched);
        assertThat(framesDetectedInBatch).as("frames whose detector call was shared").isPositive();
    }

    @Test
    void aFailureWhileBatchingGivesByteIdenticalOutput() throws Exception {
        // output seq 12 leaves the tracker at input 26 of 32: the failure hits while frames still flow
        FailAfterCheckpointSink.Point point = new FailAfterCheckpointSink.Point("cam-b", 8, 12);
        FailAfterCheckpointSink.reset();
        Map<String, List<String>> withFailure = run("batched-failure-", 4, List.of(
                new FailAfterCheckpointSink(JobTestSupport.restBase(MINI_CLUSTER), List.of(point))));
        assertThat(FailAfterCheckpointSink.FIRED).as("the failure was injected after a checkpoint").containsOnlyKeys(point);
        assertThat(withFailure).isEqualTo(unbatched);
    }

    private static Map<String, List<String>> run(String prefix, int maxBatch, List<Sink<MaskletFrame>> extra)
            throws Exception {
        broker.createTopics(2, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames", input);
        // One subtask: every stream shares the operator, so frames of different streams share detector calls.
        Configuration conf = JobTestSupport.jobConfig(broker.bootstrapServers(), prefix, concepts, 1);
        conf.set(StreamOptions.DETECTOR_MAX_BATCH, maxBatch);
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        sinks.addAll(extra);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        Long batched = env.execute(prefix + "job")
                .getAccumulatorResult(MaskletTrackingOperator.FRAMES_DETECTED_IN_BATCH_ACCUMULATOR);
        framesDetectedInBatch = batched == null ? 0 : batched;
        int expected = (int) input.stream().filter(r -> !r.isMarker()).count();
        List<ConsumerRecord<byte[], byte[]>> out = JobTestSupport.readCommitted(
                broker.bootstrapServers(), prefix + "masklets", expected, Duration.ofSeconds(30));
        return out.stream().collect(Collectors.groupingBy(
                c -> new String(c.key(), StandardCharsets.UTF_8), TreeMap::new,
                Collectors.mapping(c -> new String(c.value(), StandardCharsets.UTF_8), Collectors.toList())));
    }
}
