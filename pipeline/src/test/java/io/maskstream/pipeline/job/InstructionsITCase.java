package io.maskstream.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.job.FailAfterCheckpointSink.Point;
import io.maskstream.pipeline.job.JobTestSupport.Recovery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instruction prompts through the prompts topic to the job (MiniCluster, embedded Kafka broker,
 * reference models): output objects list the instructions they satisfy from the instructions' frame on,
 * a text that does not parse is a dead letter naming the position and the word expected, and a failure
 * mid-stream, recovered from a checkpoint, gives byte-identical output (instructions are keyed state).
 *
 * <p>The prompts name frame {@value #FROM}, so they wait in the job's state for that frame whatever
 * their arrival relative to the frames: each run applies them on the same frame.
 */
class InstructionsITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = JobTestSupport.miniCluster();

    private static final Map<String, String> SCENES = Map.of("cam-a", "crossing", "cam-b", "distractor");
    private static final int FRAMES = 60;
    private static final long FROM = 20;

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static List<FrameRecord> input;
    private static JobRun baseline;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        List<List<FrameRecord>> streams = new ArrayList<>();
        for (var e : new TreeMap<>(SCENES).entrySet()) {
            streams.add(JobTestSupport.sceneRecords(e.getValue(), e.getKey(), FRAMES));
        }
        input = JobTestSupport.interleave(streams);
        baseline = runJob("instructions-", List.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static List<PromptCommand> prompts() {
        return List.of(
                PromptCommand.addInstruction("cam-a", "the leftmost object", "left", FROM),
                PromptCommand.addInstruction("cam-a", "objects moving right", null, FROM),
                PromptCommand.addInstruction("cam-b", "the red object nearest the blue object", "near", FROM),
                PromptCommand.addInstruction("cam-b", "the car moving fast", null, FROM),
                PromptCommand.removeInstruction("cam-b", "ghost", FROM));
    }

    @Test
    void objectsListTheInstructionsTheySatisfyFromTheInstructionsFrameOn() {
        // hysteresis: within this distance of each other the previous leftmost stays selected
        double margin = StreamOptions.INSTRUCTION_HYSTERESIS.defaultValue() * 320;
        int checked = 0;
        for (String json : baseline.masklets().get("cam-a")) {
            MaskletFrame f = frame(json);
            if (f.seq() < FROM) {
                assertThat(json).as("frame " + f.seq()).doesNotContain("\"instructions\"");
                continue;
            }
            assertThat(f.objects().stream().filter(o -> o.instructions().contains("left"))).as("frame " + f.seq())
                    .hasSize(1);
            List<MaskletObject> visible = f.objects().stream().filter(o -> o.box()[2] > 0)
                    .sorted((a, b) -> Float.compare(centreX(a), centreX(b))).toList();
            if (visible.size() == 2 && centreX(visible.get(1)) - centreX(visible.get(0)) > margin) {
                assertThat(visible.get(0).instructions()).as("frame " + f.seq()).contains("left");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
        // crossing: the red disc moves right, the blue square left
        MaskletFrame later = frame(baseline.masklets().get("cam-a").get(40));
        assertThat(later.objects()).filteredOn(o -> o.instructions().contains("objects moving right"))
                .extracting(MaskletObject::concept).containsExactly("red");
    }

    @Test
    void theRedObjectNearestTheBlueOneIsSelectedOnEveryFrameFromTheInstructionsFrameOn() {
        List<MaskletFrame> frames = baseline.masklets().get("cam-b").stream().map(InstructionsITCase::frame).toList();
        for (MaskletFrame f : frames.subList((int) FROM, FRAMES)) {
            assertThat(f.objects()).as("frame " + f.seq()).filteredOn(o -> o.instructions().contains("near"))
                    .extracting(MaskletObject::concept).containsExactly("red");
        }
    }

    @Test
    void anInstructionThatDoesNotParseAndAnUnknownRemovalAreDeadLettersAndTheJobGoesOn() {
        assertThat(baseline.deadLetters()).extracting(DeadLetter::reason)
                .containsExactly("bad-instruction", "bad-instruction");
        assertThat(baseline.deadLetters().get(0).detail()).isEqualTo("instruction 'the car moving fast': at character 16: "
                + "expected a direction (left, right, up, down) after 'moving', found 'fast'");
        assertThat(baseline.deadLetters().get(1).detail()).isEqualTo("no instruction named 'ghost' on cam-b");
        assertThat(baseline.masklets().get("cam-b")).hasSize(FRAMES);
    }

    @Test
    void aFailureMidStreamIsRecoveredWithOutputIdenticalToARunWithoutFailure() throws Exception {
        int lastSeq = FRAMES - TrackerOptions.CONFIRMATION_DELAY.defaultValue() - 6;
        Point point = new Point("cam-a", FROM + 2, lastSeq);
        FailAfterCheckpointSink.reset();
        JobRun withFailure = runJob("instructions-failure-",
                List.of(new FailAfterCheckpointSink(JobTestSupport.restBase(MINI_CLUSTER), List.of(point))));
        assertThat(FailAfterCheckpointSink.FIRED).as("the failure was injected after the instructions took effect")
                .containsOnlyKeys(point);
        assertThat(JobTestSupport.recovery(JobTestSupport.restBase(MINI_CLUSTER), withFailure.jobId()))
                .as("one restart, restored from a checkpoint").isEqualTo(new Recovery(1, 1));
        assertThat(withFailure.masklets()).isEqualTo(baseline.masklets());
    }

    private record JobRun(String jobId, Map<String, List<String>> masklets, List<DeadLetter> deadLetters) {}

    private static JobRun runJob(String prefix, List<Sink<MaskletFrame>> extra) throws Exception {
        broker.createTopics(2, prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
        JobTestSupport.produceRaw(broker.bootstrapServers(), prefix + "prompts", prompts().stream()
                .map(p -> new byte[][] {p.streamId().getBytes(StandardCharsets.UTF_8), PromptCommandJson.encode(p)})
                .toList());
        JobTestSupport.produce(broker.bootstrapServers(), prefix + "frames", input);
        Configuration conf = JobTestSupport.jobConfig(broker.bootstrapServers(), prefix,
                List.of("red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white"), 2);
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        sinks.addAll(extra);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        new TrackingJob(MaskstreamKafka.frameSource(kafka), MaskstreamKafka.promptSource(kafka), sinks,
                MaskstreamKafka.deadLetterSink(kafka), conf).build(env);
        String jobId = env.execute(prefix + "job").getJobID().toHexString();
        List<ConsumerRecord<byte[], byte[]>> out = JobTestSupport.readCommitted(
                broker.bootstrapServers(), prefix + "masklets", SCENES.size() * FRAMES, Duration.ofSeconds(30));
        Map<String, List<String>> byStream = out.stream().collect(Collectors.groupingBy(
                c -> new String(c.key(), StandardCharsets.UTF_8), TreeMap::new,
                Collectors.mapping(c -> new String(c.value(), StandardCharsets.UTF_8), Collectors.toList())));
        List<DeadLetter> deadLetters = JobTestSupport.readCommitted(
                        broker.bootstrapServers(), prefix + "frames-dlq", 2, Duration.ofSeconds(30)).stream()
                .map(c -> DeadLetterJson.fromJson(c.value())).toList();
        return new JobRun(jobId, byStream, deadLetters);
    }

    private static float centreX(MaskletObject o) {
        return o.box()[0] + o.box()[2] / 2;
    }

    private static MaskletFrame frame(String json) {
        return MaskletFrameJson.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }
}
