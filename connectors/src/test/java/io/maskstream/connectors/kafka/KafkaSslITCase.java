package io.maskstream.connectors.kafka;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.RecordTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame source and the exactly-once masklet sink against a real broker whose only client
 * listener is TLS: the security settings reach the Kafka clients through the pass-through
 * {@code kafka.properties.*} keys, and nothing else is needed.
 */
class KafkaSslITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String PASSWORD = "maskstream-test";
    private static final int FRAMES = 20;

    @TempDir
    static Path tmp;

    private static EmbeddedKafkaBroker broker;
    private static Map<String, String> clientSsl;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        Path keystore = tmp.resolve("broker.p12");
        Path cert = tmp.resolve("broker.crt");
        Path truststore = tmp.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", PASSWORD);
        clientSsl = new TreeMap<>(Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", PASSWORD,
                "ssl.truststore.type", "PKCS12"));
        broker = EmbeddedKafkaBroker.startSsl(Map.of(
                        "ssl.keystore.location", keystore.toString(),
                        "ssl.keystore.password", PASSWORD,
                        "ssl.key.password", PASSWORD,
                        "ssl.keystore.type", "PKCS12",
                        // the broker is its own client on the SSL listener (inter-broker traffic)
                        "ssl.truststore.location", truststore.toString(),
                        "ssl.truststore.password", PASSWORD,
                        "ssl.truststore.type", "PKCS12"),
                clientSsl);
        broker.createTopics(1, "frames", "prompts", "masklets", "frames-dlq");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Test
    void aClientWithoutTheTlsSettingsCannotTalkToTheBroker() {
        Properties plain = new Properties();
        plain.put("bootstrap.servers", broker.bootstrapServers());
        plain.put("default.api.timeout.ms", "4000");
        plain.put("request.timeout.ms", "2000");
        try (Admin admin = Admin.create(plain)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void frameSourceAndMaskletSinkWorkOverTlsWithPassThroughClientProperties() throws Exception {
        Properties producer = clientProperties();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < FRAMES; i++) {
                FrameRecord r = FrameRecord.frame("cam-tls", i, 0, 1_000L + i, 2, 2, FrameEncoding.RAW_RGB, new byte[12]);
                p.send(new ProducerRecord<>("frames", "cam-tls".getBytes(StandardCharsets.UTF_8), FrameRecordCodec.encode(r)));
            }
            p.flush();
        }

        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(KafkaOptions.BOUNDED, true);
        conf.set(KafkaOptions.GROUP_ID, "tls-" + UUID.randomUUID());
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "tls-" + UUID.randomUUID());
        clientSsl.forEach((k, v) -> conf.setString(KafkaOptions.CLIENT_PROPERTIES_PREFIX + k, v));
        KafkaSettings kafka = KafkaSettings.from(conf);
        assertThat(kafka.clientProperties()).containsAllEntriesOf(clientSsl);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(500);
        env.fromSource(MaskstreamKafka.frameSource(kafka), WatermarkStrategy.noWatermarks(), "frames")
                .process(new FrameDecodeFunction())
                .returns(TypeInformation.of(FrameRecord.class))
                .map(r -> new MaskletFrame(r.streamId(), r.seq(), r.captureTime(), r.captureTime(), r.width(),
                        r.height(), List.of()))
                .returns(RecordTypes.MASKLET_FRAME)
                .sinkTo(MaskstreamKafka.maskletSink(kafka));
        env.execute("tls");

        List<Long> seqs = new ArrayList<>();
        Properties consumer = clientProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("masklets"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seqs.size() < FRAMES && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    seqs.add(MaskletFrameJson.fromJson(r.value()).seq());
                }
            }
        }
        assertThat(seqs).isEqualTo(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
    }

    private static Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(clientSsl);
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }
}
