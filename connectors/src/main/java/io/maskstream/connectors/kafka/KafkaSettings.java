package io.maskstream.connectors.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated Kafka settings of the job, read from {@link KafkaOptions}. Every error names the
 * configuration key it is about.
 *
 * @param maskletsLiveTopic the optional at-least-once copy of the masklets topic; null when not written
 * @param clientProperties pass-through Kafka client properties (prefix removed), sorted
 */
public record KafkaSettings(
        String bootstrapServers,
        String framesTopic,
        String promptsTopic,
        String maskletsTopic,
        String maskletsLiveTopic,
        String deadLettersTopic,
        String groupId,
        String transactionalIdPrefix,
        DeliveryMode deliveryMode,
        Duration transactionTimeout,
        StartingOffsets startingOffsets,
        boolean bounded,
        SortedMap<String, String> clientProperties) {

    /** The broker's default {@code transaction.max.timeout.ms}. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** Client properties the builders set themselves; passing them through would break exactly-once. */
    static final Set<String> MANAGED_CLIENT_PROPERTIES = Set.of(
            "bootstrap.servers",
            "group.id",
            "transactional.id",
            "transaction.timeout.ms",
            "enable.idempotence",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer",
            "enable.auto.commit",
            "auto.offset.reset");

    public KafkaSettings {
        requireText(bootstrapServers, KafkaOptions.BOOTSTRAP_SERVERS);
        requireText(framesTopic, KafkaOptions.FRAMES_TOPIC);
        requireText(promptsTopic, KafkaOptions.PROMPTS_TOPIC);
        requireText(maskletsTopic, KafkaOptions.MASKLETS_TOPIC);
        requireText(deadLettersTopic, KafkaOptions.DEAD_LETTERS_TOPIC);
        requireText(groupId, KafkaOptions.GROUP_ID);
        requireText(transactionalIdPrefix, KafkaOptions.TRANSACTIONAL_ID_PREFIX);
        Objects.requireNonNull(startingOffsets, KafkaOptions.STARTING_OFFSETS.key() + " is not set");
        Objects.requireNonNull(deliveryMode, KafkaOptions.DELIVERY_MODE.key() + " is not set");
        if (maskletsLiveTopic != null) {
            requireText(maskletsLiveTopic, KafkaOptions.MASKLETS_LIVE_TOPIC);
            if (Set.of(framesTopic, promptsTopic, maskletsTopic, deadLettersTopic).contains(maskletsLiveTopic)) {
                throw new IllegalArgumentException(KafkaOptions.MASKLETS_LIVE_TOPIC.key() + " must differ from the "
                        + "other topics (" + KafkaOptions.FRAMES_TOPIC.key() + ", " + KafkaOptions.PROMPTS_TOPIC.key()
                        + ", " + KafkaOptions.MASKLETS_TOPIC.key() + ", " + KafkaOptions.DEAD_LETTERS_TOPIC.key()
                        + "), got '" + maskletsLiveTopic + "'");
            }
        }
        if (transactionTimeout == null
                || transactionTimeout.isNegative()
                || transactionTimeout.isZero()
                || transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            throw new IllegalArgumentException(KafkaOptions.TRANSACTION_TIMEOUT.key()
                    + " must be positive and at most 15 min (the broker's transaction.max.timeout.ms), got "
                    + transactionTimeout);
        }
        if (Set.of(maskletsTopic, deadLettersTopic).contains(framesTopic)
                || Set.of(maskletsTopic, deadLettersTopic).contains(promptsTopic)) {
            throw new IllegalArgumentException("an output topic (" + KafkaOptions.MASKLETS_TOPIC.key() + ", "
                    + KafkaOptions.DEAD_LETTERS_TOPIC.key() + ") must not be an input topic ("
                    + KafkaOptions.FRAMES_TOPIC.key() + ", " + KafkaOptions.PROMPTS_TOPIC.key() + ")");
        }
        if (maskletsTopic.equals(deadLettersTopic)) {
            throw new IllegalArgumentException(KafkaOptions.MASKLETS_TOPIC.key() + " and "
                    + KafkaOptions.DEAD_LETTERS_TOPIC.key() + " must differ, both are '" + maskletsTopic + "'");
        }
        TreeMap<String, String> props = new TreeMap<>(clientProperties == null ? Map.of() : clientProperties);
        for (String k : props.keySet()) {
            if (MANAGED_CLIENT_PROPERTIES.contains(k)) {
                throw new IllegalArgumentException(KafkaOptions.CLIENT_PROPERTIES_PREFIX + k
                        + " is set by maskstream itself; use the kafka.* option for it");
            }
        }
        clientProperties = Collections.unmodifiableSortedMap(props);
    }

    /** Reads and validates the settings; every error names the offending key. */
    public static KafkaSettings from(ReadableConfig config) {
        Map<String, String> all = config.toMap();
        TreeMap<String, String> client = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(KafkaOptions.CLIENT_PROPERTIES_PREFIX)) {
                String name = k.substring(KafkaOptions.CLIENT_PROPERTIES_PREFIX.length());
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(k + " names no Kafka client property");
                }
                client.put(name, v);
            }
        });
        String bootstrap = config.getOptional(KafkaOptions.BOOTSTRAP_SERVERS)
                .orElseThrow(() -> new IllegalArgumentException(KafkaOptions.BOOTSTRAP_SERVERS.key() + " is not set"));
        return new KafkaSettings(
                bootstrap,
                get(config, KafkaOptions.FRAMES_TOPIC),
                get(config, KafkaOptions.PROMPTS_TOPIC),
                get(config, KafkaOptions.MASKLETS_TOPIC),
                get(config, KafkaOptions.MASKLETS_LIVE_TOPIC),
                get(config, KafkaOptions.DEAD_LETTERS_TOPIC),
                get(config, KafkaOptions.GROUP_ID),
                get(config, KafkaOptions.TRANSACTIONAL_ID_PREFIX),
                get(config, KafkaOptions.DELIVERY_MODE),
                get(config, KafkaOptions.TRANSACTION_TIMEOUT),
                get(config, KafkaOptions.STARTING_OFFSETS),
                get(config, KafkaOptions.BOUNDED),
                client);
    }

    /** The settings with defaults for everything but the bootstrap servers (tests, tools). */
    public static KafkaSettings defaults(String bootstrapServers) {
        org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        return from(c);
    }

    /** The pass-through client properties as {@link Properties}. */
    public Properties clientPropertiesAsProperties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        return p;
    }

    public KafkaSettings withTopics(String frames, String prompts, String masklets, String deadLetters) {
        return new KafkaSettings(bootstrapServers, frames, prompts, masklets, maskletsLiveTopic, deadLetters, groupId,
                transactionalIdPrefix, deliveryMode, transactionTimeout, startingOffsets, bounded, clientProperties);
    }

    public KafkaSettings withGroupId(String newGroupId) {
        return new KafkaSettings(bootstrapServers, framesTopic, promptsTopic, maskletsTopic, maskletsLiveTopic,
                deadLettersTopic, newGroupId, transactionalIdPrefix, deliveryMode, transactionTimeout, startingOffsets,
                bounded, clientProperties);
    }

    public KafkaSettings withTransactionalIdPrefix(String prefix) {
        return new KafkaSettings(bootstrapServers, framesTopic, promptsTopic, maskletsTopic, maskletsLiveTopic,
                deadLettersTopic, groupId, prefix, deliveryMode, transactionTimeout, startingOffsets, bounded,
                clientProperties);
    }

    public KafkaSettings withStartingOffsets(StartingOffsets offsets, boolean isBounded) {
        return new KafkaSettings(bootstrapServers, framesTopic, promptsTopic, maskletsTopic, maskletsLiveTopic,
                deadLettersTopic, groupId, transactionalIdPrefix, deliveryMode, transactionTimeout, offsets, isBounded,
                clientProperties);
    }

    public KafkaSettings withDeliveryMode(DeliveryMode mode) {
        return new KafkaSettings(bootstrapServers, framesTopic, promptsTopic, maskletsTopic, maskletsLiveTopic,
                deadLettersTopic, groupId, transactionalIdPrefix, mode, transactionTimeout, startingOffsets, bounded,
                clientProperties);
    }

    /** The settings with the at-least-once copy of the masklets written to {@code topic} (null: none). */
    public KafkaSettings withMaskletsLiveTopic(String topic) {
        return new KafkaSettings(bootstrapServers, framesTopic, promptsTopic, maskletsTopic, topic, deadLettersTopic,
                groupId, transactionalIdPrefix, deliveryMode, transactionTimeout, startingOffsets, bounded,
                clientProperties);
    }

    private static <T> T get(ReadableConfig config, ConfigOption<T> option) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option.key() + ": " + e.getMessage(), e);
        }
    }

    private static void requireText(String value, ConfigOption<String> option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option.key() + " is not set");
        }
    }
}
