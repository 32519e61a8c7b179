package io.maskstream.kafka.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (KRaft, one combined broker + controller) running in this JVM on
 * loopback, in a temporary directory. Used by the demo and by every integration test; it is Kafka's
 * own server, not a mock.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final Path baseDir;
    private final Map<String, String> clientProperties;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Path baseDir, Map<String, String> clientProperties) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Formats and starts a broker, returning once clients can reach it. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker configuration. */
    public static EmbeddedKafkaBroker start(Map<String, String> brokerConfig) {
        return start(brokerConfig, Map.of());
    }

    /**
     * A broker whose client listener speaks TLS (the controller listener stays plaintext on
     * loopback). {@code brokerConfig} carries the {@code ssl.keystore.*} settings;
     * {@code clientProperties} (security.protocol, truststore) are what this class's own admin
     * client uses to create topics.
     */
    public static EmbeddedKafkaBroker startSsl(Map<String, String> brokerConfig, Map<String, String> clientProperties) {
        // The test kit accepts only PLAINTEXT / SASL_PLAINTEXT as its broker protocol: keep it and map
        // its client listener (EXTERNAL, also used between brokers) to SSL instead.
        Map<String, String> config = new java.util.TreeMap<>(brokerConfig);
        config.put("listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT");
        return start(config, clientProperties);
    }

    private static EmbeddedKafkaBroker start(Map<String, String> brokerConfig, Map<String, String> clientProperties) {
        try {
            Path baseDir = Files.createTempDirectory("maskstream-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setDeleteOnClose(true)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false");
            brokerConfig.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaBroker(cluster, baseDir, clientProperties);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    /** Kafka's storage formatter prints to stdout; the demo's output should be ours alone. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(out);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates topics with the given partition count (replication factor 1) and waits for them. */
    public void createTopics(int partitions, Collection<String> topics) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
            awaitLeaders(admin, topics, partitions);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + topics, e);
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> topics, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (String t : topics) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(t, p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " have no serving leaders after 60 s", e);
                }
                Thread.sleep(50);
            }
        }
    }

    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, java.util.List.of(topics));
    }

    /** Stops the broker and removes its files. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker in " + baseDir, e);
        }
    }
}
