package io.maskstream.pipeline.job;

import io.maskstream.kit.reference.ReferenceKit;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.pipeline.config.MaskstreamConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Inputs, configuration and output reading for job tests against a real broker. */
public final class JobTestSupport {
    private JobTestSupport() {}

    /** A scenario's frames as JPEG frame records, seq from 0, then an end-of-stream marker. */
    public static List<FrameRecord> sceneRecords(String scenario, String streamId, int frames) {
        SyntheticScene scene = Scenarios.create(scenario, SceneSettings.defaults().withFrameCount(frames));
        List<FrameRecord> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(FrameRecord.frame(streamId, i, 0, 1_700_000_000_000L + i * 33L, scene.width(), scene.height(),
                    FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)));
        }
        out.add(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, streamId, frames, 0, 1_700_000_000_000L + frames * 33L));
        return out;
    }

    /** Interleaves streams record by record: a, b, c, a, b, c, ... */
    public static List<FrameRecord> interleave(List<List<FrameRecord>> streams) {
        List<FrameRecord> out = new ArrayList<>();
        int max = streams.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (List<FrameRecord> s : streams) {
                if (i < s.size()) {
                    out.add(s.get(i));
                }
            }
        }
        return out;
    }

    static void produce(String bootstrap, String topic, List<FrameRecord> records) {
        produceRaw(bootstrap, topic, records.stream()
                .map(r -> new byte[][] {r.streamId().getBytes(StandardCharsets.UTF_8), FrameRecordCodec.encode(r)})
                .toList());
    }

    /** Sends key/value pairs as they are (null key allowed), in order, and waits for the acks. */
    static void produceRaw(String bootstrap, String topic, List<byte[][]> keyValues) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] kv : keyValues) {
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            producer.flush();
        }
    }

    /** Job configuration for a bounded run over the given topics with the reference models. */
    static Configuration jobConfig(String bootstrap, String topicPrefix, List<String> concepts, int parallelism) {
        return jobConfig(bootstrap, topicPrefix, concepts, parallelism, List.of());
    }

    /** As above, then the {@code key=value} overrides (e.g. {@code kafka.bounded=false}). */
    static Configuration jobConfig(String bootstrap, String topicPrefix, List<String> concepts, int parallelism,
                                   List<String> overrides) {
        List<String> sets = new ArrayList<>(List.of(
                "kafka.bootstrap-servers=" + bootstrap,
                "kafka.topic.frames=" + topicPrefix + "frames",
                "kafka.topic.prompts=" + topicPrefix + "prompts",
                "kafka.topic.masklets=" + topicPrefix + "masklets",
                "kafka.topic.dead-letters=" + topicPrefix + "frames-dlq",
                "kafka.group-id=" + topicPrefix + UUID.randomUUID(),
                "kafka.transactional-id-prefix=" + topicPrefix + UUID.randomUUID(),
                "kafka.bounded=true",
                "kafka.starting-offsets=earliest",
                "model.kit=" + ReferenceKit.NAME,
                "stream.default-concepts=" + String.join(";", concepts),
                "job.parallelism=" + parallelism,
                "job.checkpoint-interval=500 ms"));
        sets.addAll(overrides);
        return MaskstreamConfig.load(null, sets);
    }

    /** A read_committed consumer from the beginning, in a fresh group, committing nothing. */
    public static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** Reads a topic from the beginning with read_committed until {@code expected} records or the timeout. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic, int expected, Duration timeout) {
        return readCommitted(consumerProperties(bootstrap), topic, expected, timeout);
    }

    /** As above with the given consumer properties (e.g. TLS settings). */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            Properties consumer, String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            int quietPolls = 0;
            while (System.nanoTime() < deadline) {
                var batch = c.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                // After the expected count, keep polling briefly so that extra (duplicate) records show up too.
                if (out.size() >= expected && (batch.isEmpty() ? ++quietPolls : 0) >= 3) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The MiniCluster of the job and fault tests: 1 TaskManager with 2 slots (parallelism up to 2).
     * Network buffers of 4 KiB keep only a few frames in flight, so a checkpoint barrier is never far
     * behind the frame being tracked (with 32 KiB buffers a bounded input can be in flight whole, and
     * the first checkpoint completes only at its end); REST statistics are at most 100 ms old.
     */
    public static MiniClusterExtension miniCluster() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("4kb"));
        conf.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(100));
        conf.set(RestOptions.CACHE_CHECKPOINT_STATISTICS_TIMEOUT, Duration.ofMillis(100));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /** The REST address of a MiniCluster, e.g. {@code http://localhost:8081}. */
    public static String restBase(MiniClusterExtension cluster) {
        Configuration client = cluster.getClientConfiguration();
        return "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** GET a Flink REST path, parsed. */
    public static JsonNode rest(String base, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How a job recovered, from the REST API: the failures that triggered a restart (entries of its
     * exception history) and how many times it was restored from a checkpoint
     * ({@code /jobs/:id/checkpoints} {@code counts.restored}).
     */
    public record Recovery(int restarts, long restoredCheckpoints) {}

    public static Recovery recovery(String restBase, String jobId) {
        JsonNode history = rest(restBase, "/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        long restored = rest(restBase, "/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asLong();
        return new Recovery(history.size(), restored);
    }
}
