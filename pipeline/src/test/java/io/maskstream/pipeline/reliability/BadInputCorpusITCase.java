package io.maskstream.pipeline.reliability;

import io.maskstream.pipeline.job.JobTestSupport;
import static io.maskstream.pipeline.reliability.FaultTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.DeadLetterJson;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.geometry.Box;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: one run of the real job (MiniCluster, real Kafka broker, reference models)
 * over valid streams with every class of broken record mixed in. Each class must reach the
 * dead-letter topic once, with its own reason; the job must never restart because of data; every
 * valid frame's output must be exactly what the failure-free direct run gives.
 */
class BadInputCorpusITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final int FRAMES = 24;
    private static final String PREFIX = "corpus-";
    private static final int MAX_RECORD_BYTES = 200_000;

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    /** The corpus: one entry per class of bad input, filled in as the records are produced. */
    private static final List<Case> CASES = new ArrayList<>();
    private static List<FrameRecord> validHeaders;
    private static Map<String, List<String>> output;
    private static Map<String, List<String>> reference;
    private static List<DeadLetter> deadLetters;
    private static int failures;
    private static Configuration conf;

    /** A class of bad input, the reason its dead letter must carry, and how to find that dead letter. */
    record Case(String name, String reason, Predicate<DeadLetter> identifies) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void runTheCorpus() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(2, FaultTestSupport.topics(PREFIX));

        List<FrameRecord> clean = JobTestSupport.sceneRecords("crossing", "clean", FRAMES);
        List<FrameRecord> dirty = JobTestSupport.sceneRecords("distractor", "dirty", FRAMES);
        List<FrameRecord> images = brokenImages(JobTestSupport.sceneRecords("occlusion", "jpeg", FRAMES));
        List<FrameRecord> prompted = JobTestSupport.sceneRecords("crossing", "prompted", FRAMES);
        validHeaders = new ArrayList<>();
        Stream.of(clean, dirty, images, prompted).forEach(validHeaders::addAll);

        // Frames topic: clean, dirty (+ the junk) and jpeg interleaved; the prompted stream last, so
        // that its prompts are certainly in the operator before its frames.
        List<Labelled> frames = new ArrayList<>();
        List<Labelled> dirtyWithJunk = withJunk(dirty, clean.get(0));
        List<List<Labelled>> three = List.of(labelled(clean), dirtyWithJunk, labelled(images));
        int max = three.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (List<Labelled> s : three) {
                if (i < s.size()) {
                    frames.add(s.get(i));
                }
            }
        }
        frames.addAll(labelled(prompted));
        List<FaultTestSupport.Position> offsets = FaultTestSupport.produce(broker.bootstrapServers(), PREFIX + "frames",
                frames.stream().map(Labelled::keyValue).toList());
        String framesTopic = PREFIX + "frames";
        for (int i = 0; i < frames.size(); i++) {
            Labelled l = frames.get(i);
            if (l.caseName != null) {
                FaultTestSupport.Position at = offsets.get(i);
                CASES.add(new Case(l.caseName, l.reason, d -> d.topic().equals(framesTopic)
                        && d.partition() == at.partition() && d.offset() == at.offset()));
            }
        }
        // The broken images keep their seq: they are found by stream and seq in the record they carry.
        CASES.add(imageCase("a payload that is not a JPEG", 6, "undecodable-image"));
        CASES.add(imageCase("a truncated JPEG", 12, "undecodable-image"));
        CASES.add(imageCase("a JPEG claiming 30000x30000 pixels (decompression bomb)", 18, "image-size-mismatch"));

        producePrompts();

        conf = FaultTestSupport.jobConfig(withSettings(FaultTestSupport.jobSettings(
                broker.bootstrapServers(), PREFIX, 2, true), "stream.max-record-bytes=" + MAX_RECORD_BYTES));
    }

    /**
     * Runs the job once, on the first test that needs it: the MiniCluster's test environment is
     * installed per test, so a job started in {@code @BeforeAll} would run on a cluster of its own.
     */
    private static synchronized void runJobOnce() throws Exception {
        if (output != null) {
            return;
        }
        StreamExecutionEnvironment env = io.maskstream.pipeline.job.JobEnvironment.local(conf);
        io.maskstream.pipeline.job.KafkaTrackingJob.create(conf).build(env);
        JobExecutionResult result = env.execute("bad-input corpus");

        Configuration client = MINI_CLUSTER.getClientConfiguration();
        failures = FaultTestSupport.failureCount(
                "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT),
                result.getJobID().toHexString());
        int expectedOut = 4 * FRAMES - 3;
        output = FaultTestSupport.byStream(FaultTestSupport.readCommitted(
                broker.bootstrapServers(), PREFIX + "masklets", expectedOut, Duration.ofSeconds(60)));
        deadLetters = FaultTestSupport.readCommitted(
                        broker.bootstrapServers(), PREFIX + "frames-dlq", CASES.size(), Duration.ofSeconds(60))
                .stream()
                .map(c -> DeadLetterJson.fromJson(c.value()))
                .toList();
        reference = FaultTestSupport.reference(conf, validHeaders);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    static List<Case> corpus() {
        return CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachClassOfBadInputIsDeadLetteredOnceWithItsOwnReason(Case c) throws Exception {
        runJobOnce();
        List<DeadLetter> found = deadLetters.stream().filter(c.identifies()).toList();
        assertThat(found).as("dead letters of '%s'", c.name()).hasSize(1);
        assertThat(found.get(0).reason()).as(c.name()).isEqualTo(c.reason());
    }

    @Test
    void theCorpusHasAtLeastTwelveClassesAndNothingElseIsDeadLettered() throws Exception {
        runJobOnce();
        assertThat(CASES.size()).isGreaterThanOrEqualTo(12);
        assertThat(deadLetters).as("one dead letter per bad record, none for a valid one").hasSize(CASES.size());
    }

    @Test
    void theJobNeverRestartsBecauseOfData() throws Exception {
        runJobOnce();
        assertThat(failures).as("failures in the job's exception history").isZero();
    }

    @Test
    void everyValidFrameIsOutputExactlyAsInAFailureFreeRun() throws Exception {
        runJobOnce();
        assertThat(output).isEqualTo(reference);
        for (String stream : List.of("clean", "dirty", "prompted")) {
            assertThat(seqs(stream)).as(stream).isEqualTo(LongStream.range(0, FRAMES).boxed().toList());
        }
        List<Long> jpeg = new ArrayList<>(LongStream.range(0, FRAMES).boxed().toList());
        jpeg.removeAll(List.of(6L, 12L, 18L));
        assertThat(seqs("jpeg")).isEqualTo(jpeg);
        assertThat(output.get("clean").stream().anyMatch(j -> !MaskletFrameJson.fromJson(utf8(j)).objects().isEmpty()))
                .as("the scenes have tracked objects").isTrue();
    }

    private static List<Long> seqs(String stream) {
        return output.getOrDefault(stream, List.of()).stream().map(j -> MaskletFrameJson.fromJson(utf8(j)).seq()).toList();
    }

    // ---- the corpus ----

    private record Labelled(byte[] key, byte[] value, String caseName, String reason) {
        byte[][] keyValue() {
            return new byte[][] {key, value};
        }
    }

    private static List<Labelled> labelled(List<FrameRecord> records) {
        return records.stream().map(r -> new Labelled(utf8(r.streamId()), FrameRecordCodec.encode(r), null, null)).toList();
    }

    /** The dirty stream with one record of each header-, key- and seq-level class mixed in. */
    private static List<Labelled> withJunk(List<FrameRecord> dirty, FrameRecord otherStream) {
        byte[] key = utf8("dirty");
        FrameRecord base = dirty.get(3);
        byte[] good = FrameRecordCodec.encode(base);
        int idLen = utf8("dirty").length;
        int seqAt = 10 + idLen;
        int widthAt = seqAt + 20;
        int heightAt = widthAt + 4;
        int payloadAt = heightAt + 4;
        int payload = base.image().length;
        List<Labelled> junk = new ArrayList<>();
        junk.add(bad(key, Arrays.copyOf(good, 12), "truncated header", "truncated-header"));
        junk.add(bad(key, withByte(good, 0, 'X'), "wrong magic", "bad-magic"));
        junk.add(bad(key, withByte(good, 4, 9), "wrong version", "unsupported-version"));
        junk.add(bad(key, withByte(good, 5, 7), "unknown record kind", "unknown-kind"));
        junk.add(bad(key, withByte(good, 6, 9), "unknown image encoding", "unknown-encoding"));
        junk.add(bad(key, withInt(good, payloadAt, payload + 1000), "payload length longer than the record",
                "payload-length-mismatch"));
        junk.add(bad(key, withInt(good, payloadAt, payload - 100), "payload length shorter than the record",
                "payload-length-mismatch"));
        junk.add(bad(key, withInt(good, payloadAt, -1), "negative payload length", "payload-length-mismatch"));
        junk.add(bad(key, withInt(good, widthAt, 0), "zero width", "invalid-dimensions"));
        junk.add(bad(key, withInt(good, heightAt, -240), "negative height", "invalid-dimensions"));
        junk.add(bad(key, withLong(good, seqAt, -5), "negative seq", "negative-seq"));
        junk.add(bad(key, withInt(withInt(good, widthAt, 100_000), heightAt, 100_000),
                "claimed dimensions over the pixel limit", "too-many-pixels"));
        byte[] noId = Arrays.copyOf(good, good.length);
        noId[8] = 0;
        noId[9] = 0;
        junk.add(bad(key, noId, "empty streamId in the header", "bad-stream-id"));
        junk.add(bad(null, good, "no key", "bad-stream-id"));
        junk.add(bad(new byte[0], good, "empty key", "bad-stream-id"));
        junk.add(bad(key, FrameRecordCodec.encode(otherStream), "key is not the record's streamId", "key-mismatch"));
        junk.add(bad(key, FrameRecordCodec.encode(FrameRecord.frame("dirty", 7, 0, base.captureTime(), base.width(),
                        base.height(), FrameEncoding.RAW_RGB, base.image())),
                "raw-rgb payload of the wrong size", "raw-size-mismatch"));
        byte[] big = new byte[MAX_RECORD_BYTES + 100_000];
        new Random(7).nextBytes(big);
        junk.add(bad(key, FrameRecordCodec.encode(FrameRecord.frame("dirty", 7, 0, base.captureTime(), base.width(),
                        base.height(), FrameEncoding.JPEG, big)),
                "oversized record", "record-too-large"));

        List<Labelled> out = new ArrayList<>();
        for (FrameRecord r : dirty) {
            out.add(new Labelled(key, FrameRecordCodec.encode(r), null, null));
            if (r.seq() == 4) {
                out.addAll(junk);
            }
            if (r.seq() == 5) {
                out.add(bad(key, FrameRecordCodec.encode(r), "duplicate seq", "duplicate-seq"));
            }
            if (r.seq() == 20) {
                out.add(bad(key, FrameRecordCodec.encode(dirty.get(1)), "seq far behind the reorder window", "late-seq"));
                out.add(bad(key, FrameRecordCodec.encode(FrameRecord.frame("dirty", 10_000_000L, 0, r.captureTime(),
                                r.width(), r.height(), r.encoding(), r.image())),
                        "seq jumping far ahead", "seq-too-far-ahead"));
            }
        }
        return out;
    }

    private static Labelled bad(byte[] key, byte[] value, String name, String reason) {
        return new Labelled(key, value, name, reason);
    }

    /** The jpeg stream with three of its frames replaced by images that must not decode. */
    private static List<FrameRecord> brokenImages(List<FrameRecord> stream) {
        List<FrameRecord> out = new ArrayList<>();
        for (FrameRecord r : stream) {
            byte[] image = switch ((int) r.seq()) {
                case 6 -> notAJpeg(r.image().length);
                case 12 -> Arrays.copyOf(r.image(), r.image().length / 2);
                case 18 -> withClaimedSize(r.image(), 30_000, 30_000);
                default -> null;
            };
            out.add(image == null || r.isMarker() ? r : FrameRecord.frame(r.streamId(), r.seq(), r.epoch(),
                    r.captureTime(), r.width(), r.height(), r.encoding(), image));
        }
        return out;
    }

    /** Random bytes that even end with the JPEG end-of-image marker. */
    private static byte[] notAJpeg(int length) {
        byte[] b = new byte[length];
        new Random(11).nextBytes(b);
        b[0] = 0;
        b[length - 2] = (byte) 0xFF;
        b[length - 1] = (byte) 0xD9;
        return b;
    }

    /** A real JPEG whose start-of-frame marker is rewritten to claim another size. */
    private static byte[] withClaimedSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 9 < b.length; i++) {
            int m = b[i + 1] & 0xff;
            if ((b[i] & 0xff) == 0xFF && (m == 0xC0 || m == 0xC1 || m == 0xC2)) {
                // FF C0, length (2), precision (1), height (2), width (2)
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalStateException("no SOF marker in the JPEG");
    }

    private static Case imageCase(String name, long seq, String reason) {
        return new Case(name, reason, d -> {
            if (!"jpeg".equals(d.streamId()) || d.value() == null) {
                return false;
            }
            try {
                return new FrameRecordCodec().decode(d.value()).seq() == seq;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Prompts for the prompted stream: each one wrong in its own way. */
    private static void producePrompts() {
        byte[] key = utf8("prompted");
        String promptsTopic = PREFIX + "prompts";
        List<Labelled> prompts = List.of(
                bad(key, utf8("{\"streamId\":\"prompted\",\"action\":"), "prompt JSON that does not parse", "bad-prompt"),
                bad(key, PromptCommandJson.encode(PromptCommand.addConcept("prompted", "unicorn", 0L)),
                        "a prompt for an unknown concept", "unknown-concept"),
                bad(key, PromptCommandJson.encode(PromptCommand.addConcept("clean", "red", 0L)),
                        "prompt key is not its streamId", "key-mismatch"));
        List<FaultTestSupport.Position> offsets = FaultTestSupport.produce(broker.bootstrapServers(), promptsTopic,
                prompts.stream().map(Labelled::keyValue).toList());
        for (int i = 0; i < prompts.size(); i++) {
            FaultTestSupport.Position at = offsets.get(i);
            CASES.add(new Case(prompts.get(i).caseName, prompts.get(i).reason,
                    d -> d.topic().equals(promptsTopic) && d.partition() == at.partition() && d.offset() == at.offset()));
        }
        // These two parse and are checked when they take effect (at seq 3), against the stream's state.
        PromptCommand unknownObject = PromptCommand.removeObject("prompted", 999, 3L);
        PromptCommand outside = PromptCommand.addBox("prompted", new Box(100, 100, 5000, 4000), "red", null, 3L);
        FaultTestSupport.produce(broker.bootstrapServers(), promptsTopic, List.of(
                new byte[][] {key, PromptCommandJson.encode(unknownObject)},
                new byte[][] {key, PromptCommandJson.encode(outside)}));
        CASES.add(new Case("a prompt for an unknown object", "unknown-object",
                d -> "prompted".equals(d.streamId()) && Arrays.equals(d.value(), PromptCommandJson.encode(unknownObject))));
        CASES.add(new Case("a box outside the frame", "box-outside-frame",
                d -> "prompted".equals(d.streamId()) && Arrays.equals(d.value(), PromptCommandJson.encode(outside))));
    }

    private static List<String> withSettings(List<String> settings, String... more) {
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(more));
        return all;
    }

    private static byte[] withByte(byte[] b, int at, int v) {
        byte[] c = b.clone();
        c[at] = (byte) v;
        return c;
    }

    private static byte[] withInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(at, v);
        return c;
    }

    private static byte[] withLong(byte[] b, int at, long v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putLong(at, v);
        return c;
    }
}
