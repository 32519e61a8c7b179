package io.maskstream.connectors.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The start-up check of the commands that talk to Kafka: within a bounded time the broker must
 * answer and the topics must exist (or are created when asked). Without it a wrong address makes
 * the Kafka clients retry for minutes; with it the command fails with one line naming the address
 * or the missing topics.
 */
public final class KafkaStartupCheck {
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final Duration timeout;

    /**
     * @param clientProperties extra Kafka client properties (security settings), may be empty
     * @param timeout how long the broker may take to answer, and the topics to be listed or created
     */
    public KafkaStartupCheck(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.clientProperties = Map.copyOf(clientProperties);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(KafkaOptions.STARTUP_CHECK_TIMEOUT.key() + " must be positive, got "
                    + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Checks the job's broker and its topics (the four, and the live topic when set) as the configuration
     * describes them ({@link KafkaOptions#STARTUP_CHECK_TIMEOUT}, {@link KafkaOptions#CREATE_TOPICS}).
     *
     * @return the topics created (empty when all existed)
     */
    public static List<String> checkJob(KafkaSettings settings, ReadableConfig config) {
        List<String> topics = new java.util.ArrayList<>(List.of(settings.framesTopic(), settings.promptsTopic(),
                settings.maskletsTopic(), settings.deadLettersTopic()));
        if (settings.maskletsLiveTopic() != null) {
            topics.add(settings.maskletsLiveTopic());
        }
        return new KafkaStartupCheck(settings.bootstrapServers(), settings.clientProperties(),
                config.get(KafkaOptions.STARTUP_CHECK_TIMEOUT))
                .check(topics,
                        config.get(KafkaOptions.CREATE_TOPICS),
                        "create them (deploy/local/kafka.sh create-topics) or set " + KafkaOptions.CREATE_TOPICS.key()
                                + "=true");
    }

    /**
     * Checks that the broker answers and that {@code topics} exist; with {@code createMissing} the
     * missing ones are created (the broker's default partitions and replication factor) and
     * their leaders are waited for.
     *
     * @param createHint what the error of a missing topic tells the user to do
     * @return the topics created, sorted (empty when all existed)
     * @throws KafkaStartupException naming the address, or the missing topics
     */
    public List<String> check(Collection<String> topics, boolean createMissing, String createHint) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin;
        try {
            admin = Admin.create(adminProperties());
        } catch (KafkaException e) {
            throw new KafkaStartupException("cannot connect to Kafka at " + bootstrapServers + ": " + rootMessage(e), e);
        }
        try {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMillis(deadline)))
                        .nodes()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new KafkaStartupException("no Kafka broker answered at " + bootstrapServers + " within "
                        + seconds(timeout), e);
            }
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(remainingMillis(deadline)))
                    .names()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            TreeSet<String> missing = new TreeSet<>(topics);
            missing.removeAll(existing);
            if (missing.isEmpty()) {
                return List.of();
            }
            if (!createMissing) {
                throw new KafkaStartupException("Kafka at " + bootstrapServers + " has no topic"
                        + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + ": " + createHint);
            }
            create(admin, missing, deadline);
            return List.copyOf(missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaStartupException("interrupted while checking Kafka at " + bootstrapServers, e);
        } catch (TimeoutException | ExecutionException e) {
            throw new KafkaStartupException("Kafka at " + bootstrapServers + " did not list or create the topics "
                    + topics + " within " + seconds(timeout) + ": " + rootMessage(e), e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private void create(Admin admin, Collection<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList())
                    .all()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile by someone else: fine
                throw e;
            }
        }
        Map<String, TopicDescription> described = describeCreated(admin, topics, deadline);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(
                p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        awaitLeaders(admin, partitions, deadline);
    }

    /**
     * The descriptions of topics just created. Right after the creation the broker that answers may not
     * know them yet (unknown topic or partition), so that answer is retried until the deadline.
     */
    private static Map<String, TopicDescription> describeCreated(Admin admin, Collection<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Waits until every partition's leader serves requests. The metadata shows a leader a moment
     * before its replica manager takes the role; a producer that writes in between gets
     * NOT_LEADER errors, and an idempotent one can then get stuck retrying out-of-order sequences
     * until its delivery timeout drops the records. Listing offsets is answered by the leader
     * itself, so its success is the signal.
     */
    static void awaitLeaders(Admin admin, Map<TopicPartition, OffsetSpec> partitions, long deadlineNanos)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(Math.max(1, remainingMillis(deadlineNanos)), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadlineNanos) {
                    TimeoutException t = new TimeoutException("partitions " + new TreeSet<>(
                            partitions.keySet().stream().map(TopicPartition::toString).toList()) + " have no serving leaders");
                    t.initCause(e);
                    throw t;
                }
                Thread.sleep(50);
            }
        }
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "maskstream-startup-check");
        return p;
    }

    private static int remainingMillis(long deadlineNanos) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE,
                TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The start-up check failed; the message is one line for the user. */
    public static final class KafkaStartupException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        KafkaStartupException(String message, Throwable cause) {
            super(message, cause);
        }

        KafkaStartupException(String message) {
            super(message);
        }
    }
}
