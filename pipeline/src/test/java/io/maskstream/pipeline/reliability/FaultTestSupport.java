package io.maskstream.pipeline.reliability;

import io.maskstream.kit.reference.ReferenceKit;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.pipeline.job.JobTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Inputs, the failure-free reference, job configuration and output reading for the fault tests. */
final class FaultTestSupport {
    private FaultTestSupport() {}

    static final List<String> CONCEPTS = List.of("red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white");
    static final String[] SCENARIOS = {"crossing", "distractor", "occlusion"};

    /** {@code streams} streams named {@code prefix0..}, scenarios in turn, interleaved record by record. */
    static List<FrameRecord> streams(String prefix, int streams, int frames) {
        List<List<FrameRecord>> all = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            all.add(JobTestSupport.sceneRecords(SCENARIOS[s % SCENARIOS.length], prefix + s, frames));
        }
        return JobTestSupport.interleave(all);
    }

    static byte[][] keyed(FrameRecord r) {
        return new byte[][] {utf8(r.streamId()), FrameRecordCodec.encode(r)};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
        return p;
    }

    /** Where a produced record landed. */
    record Position(int partition, long offset) {}

    /** Sends key/value pairs in order (null key allowed) and returns where each record landed. */
    static List<Position> produce(String bootstrap, String topic, List<byte[][]> keyValues) {
        List<Position> offsets = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProperties(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (byte[][] kv : keyValues) {
                sent.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
            }
            producer.flush();
            for (var f : sent) {
                offsets.add(new Position(f.get().partition(), f.get().offset()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
        return offsets;
    }

    static List<Position> produceFrames(String bootstrap, String topic, List<FrameRecord> records) {
        return produce(bootstrap, topic, records.stream().map(FaultTestSupport::keyed).toList());
    }

    /** The MiniCluster of the in-JVM fault tests: see {@link JobTestSupport#miniCluster()}. */
    static org.apache.flink.test.junit5.MiniClusterExtension miniCluster() {
        return JobTestSupport.miniCluster();
    }

    /** Job keys for a run over {@code prefix}-topics with the reference models; extra {@code key=value} last. */
    static List<String> jobSettings(String bootstrap, String prefix, int parallelism, boolean bounded) {
        return new ArrayList<>(List.of(
                "kafka.bootstrap-servers=" + bootstrap,
                "kafka.topic.frames=" + prefix + "frames",
                "kafka.topic.prompts=" + prefix + "prompts",
                "kafka.topic.masklets=" + prefix + "masklets",
                "kafka.topic.dead-letters=" + prefix + "frames-dlq",
                "kafka.group-id=" + prefix + UUID.randomUUID(),
                "kafka.transactional-id-prefix=" + prefix + UUID.randomUUID(),
                "kafka.bounded=" + bounded,
                "kafka.starting-offsets=earliest",
                "model.kit=" + ReferenceKit.NAME,
                "stream.default-concepts=" + String.join(";", CONCEPTS),
                "job.parallelism=" + parallelism,
                "job.checkpoint-interval=500 ms"));
    }

    static Configuration jobConfig(List<String> settings) {
        return MaskstreamConfig.load(null, settings);
    }

    /** Writes {@code key=value} settings as a job YAML file (for {@code maskstream run --config}). */
    static Path writeJobYaml(Path file, List<String> settings) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            lines.add(s.substring(0, eq) + ": \"" + s.substring(eq + 1) + "\"");
        }
        return java.nio.file.Files.write(file, lines);
    }

    static List<String> topics(String prefix) {
        return List.of(prefix + "frames", prefix + "prompts", prefix + "masklets", prefix + "frames-dlq");
    }

    /**
     * The failure-free reference: every stream's records run through the tracker directly
     * ({@link LocalStreamRunner}, no Flink, no Kafka) in the order given. {@code TrackingJobITCase}
     * shows the job's output is byte-identical to this path.
     */
    static Map<String, List<String>> reference(Configuration conf, List<FrameRecord> records) throws Exception {
        Map<String, List<FrameRecord>> byStream = new TreeMap<>();
        for (FrameRecord r : records) {
            byStream.computeIfAbsent(r.streamId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<String>> out = new TreeMap<>();
        try (ModelKit bundle = ModelKits.open(conf)) {
            for (var e : byStream.entrySet()) {
                StreamProcessor processor = new StreamProcessor(bundle, TrackerOptions.from(conf));
                LocalStreamRunner runner = new LocalStreamRunner(e.getKey(), processor, TrackerOptions.from(conf), CONCEPTS);
                List<String> frames = new ArrayList<>();
                for (FrameRecord r : e.getValue()) {
                    runner.process(r, f -> frames.add(new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8)));
                }
                out.put(e.getKey(), frames);
            }
        }
        return out;
    }

    static Properties consumerProperties(String bootstrap) {
        return JobTestSupport.consumerProperties(bootstrap);
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(Properties consumer, String topic, int expected, Duration timeout) {
        return JobTestSupport.readCommitted(consumer, topic, expected, timeout);
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic, int expected, Duration timeout) {
        return JobTestSupport.readCommitted(bootstrap, topic, expected, timeout);
    }

    /** Masklet frame JSON by stream (record key), in topic order. */
    static Map<String, List<String>> byStream(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(
                c -> new String(c.key(), StandardCharsets.UTF_8), TreeMap::new,
                Collectors.mapping(c -> new String(c.value(), StandardCharsets.UTF_8), Collectors.toList())));
    }

    static int frameCount(List<FrameRecord> records) {
        return (int) records.stream().filter(r -> !r.isMarker()).count();
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** GET a Flink REST path, parsed. */
    static JsonNode rest(String base, String path) {
        return JobTestSupport.rest(base, path);
    }

    /**
     * How many times the job failed and was restarted: the entries of its exception history (one per
     * failure that triggered a restart, task or global), read from the REST API of the cluster.
     */
    static int failureCount(String restBase, String jobId) {
        return JobTestSupport.recovery(restBase, jobId).restarts();
    }

    /**
     * Creates the four topics of {@code prefix} (2 partitions each) on a broker that is not an
     * {@code EmbeddedKafkaBroker} and produces {@link #streams} into its frames topic; returns them.
     */
    static List<FrameRecord> createTopicsAndProduce(String bootstrap, String prefix, int streams, int frames)
            throws Exception {
        createTopics(bootstrap, 2, topics(prefix));
        List<FrameRecord> input = streams("cam-", streams, frames);
        produceFrames(bootstrap, prefix + "frames", input);
        return input;
    }

    /** Creates topics on a broker that is not an {@code EmbeddedKafkaBroker} and waits for their leaders. */
    static void createTopics(String bootstrap, int partitions, List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            admin.createTopics(topics.stream()
                            .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(60, java.util.concurrent.TimeUnit.SECONDS);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!admin.describeTopics(topics).allTopicNames().get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(x -> x.leader() != null && !x.leader().isEmpty()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no partition leaders for " + topics);
                }
                Thread.sleep(100);
            }
        }
    }
}
