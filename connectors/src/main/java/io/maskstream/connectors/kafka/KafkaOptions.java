package io.maskstream.connectors.kafka;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Kafka configuration of the job. Any key under {@value #CLIENT_PROPERTIES_PREFIX} is passed to the
 * Kafka clients with the prefix removed, e.g. {@code kafka.properties.security.protocol: SASL_SSL}
 * becomes {@code security.protocol=SASL_SSL} (for SASL/SSL and other client tuning).
 */
public final class KafkaOptions {
    /** Prefix of pass-through Kafka client properties. */
    public static final String CLIENT_PROPERTIES_PREFIX = "kafka.properties.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType()
            .noDefaultValue()
            .withDescription("Kafka bootstrap servers, host:port[,host:port...]. Required.");

    public static final ConfigOption<String> FRAMES_TOPIC = ConfigOptions.key("kafka.topic.frames")
            .stringType()
            .defaultValue("frames")
            .withDescription("Topic of FrameRecords (key = streamId).");

    public static final ConfigOption<String> PROMPTS_TOPIC = ConfigOptions.key("kafka.topic.prompts")
            .stringType()
            .defaultValue("prompts")
            .withDescription("Topic of PromptCommands as JSON (key = streamId).");

    public static final ConfigOption<String> MASKLETS_TOPIC = ConfigOptions.key("kafka.topic.masklets")
            .stringType()
            .defaultValue("masklets")
            .withDescription("Output topic of MaskletFrames as JSON (key = streamId).");

    public static final ConfigOption<String> MASKLETS_LIVE_TOPIC = ConfigOptions.key("kafka.topic.masklets-live")
            .stringType()
            .noDefaultValue()
            .withDescription("Optional second output topic of the same MaskletFrames, written at once and at least "
                    + "once whatever kafka.delivery-mode says: a consumer acting live (a robot) reads it without "
                    + "waiting for a checkpoint, while kafka.topic.masklets stays the record. After a recovery it "
                    + "repeats the frames since the last checkpoint. Unset: not written.");

    public static final ConfigOption<String> DEAD_LETTERS_TOPIC = ConfigOptions.key("kafka.topic.dead-letters")
            .stringType()
            .defaultValue("frames-dlq")
            .withDescription("Output topic of DeadLetters as JSON (key = streamId when known).");

    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType()
            .defaultValue("maskstream")
            .withDescription("Consumer group of the sources; offsets are committed to it on checkpoints.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key(
                    "kafka.transactional-id-prefix")
            .stringType()
            .defaultValue("maskstream")
            .withDescription("Prefix of the exactly-once sinks' transactional ids; unique per job on a Kafka "
                    + "cluster. The masklets and dead-letter sinks append '-masklets' and '-dead-letters'.");

    public static final ConfigOption<DeliveryMode> DELIVERY_MODE = ConfigOptions.key("kafka.delivery-mode")
            .enumType(DeliveryMode.class)
            .defaultValue(DeliveryMode.EXACTLY_ONCE)
            .withDescription("Delivery of the masklets and dead-letter topics: 'exactly-once' writes Kafka "
                    + "transactions committed when a checkpoint completes (read_committed consumers see a frame up to "
                    + "job.checkpoint-interval plus the checkpoint's duration later; no duplicates after a recovery); "
                    + "'at-least-once' makes every record visible at once (a recovery repeats the frames since the "
                    + "last checkpoint). See 'Delivery modes' at the end of docs/configuration.md.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("kafka.transaction-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("transaction.timeout.ms of the exactly-once sinks; at most 15 min (the broker's "
                    + "default transaction.max.timeout.ms) and well above the checkpoint interval.");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = ConfigOptions.key("kafka.starting-offsets")
            .enumType(StartingOffsets.class)
            .defaultValue(StartingOffsets.COMMITTED)
            .withDescription("Where the sources start without a checkpoint: earliest, latest, or committed "
                    + "(the group's offsets, earliest where it has none).");

    public static final ConfigOption<Boolean> BOUNDED = ConfigOptions.key("kafka.bounded")
            .booleanType()
            .defaultValue(false)
            .withDescription("Stop the sources at the latest offsets seen when the job starts (replays, tests); "
                    + "the job then finishes.");

    public static final ConfigOption<Duration> STARTUP_CHECK_TIMEOUT = ConfigOptions.key("kafka.startup-check-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(15))
            .withDescription("How long the job's start-up check waits for the broker to answer and list the topics "
                    + "before it fails naming the bootstrap address (replay and prompt take --timeout, same default).");

    public static final ConfigOption<Boolean> CREATE_TOPICS = ConfigOptions.key("kafka.create-topics")
            .booleanType()
            .defaultValue(false)
            .withDescription("Create missing topics at start, with the broker's default partitions and replication "
                    + "factor; otherwise a missing topic stops the job at start, naming it.");

    private KafkaOptions() {}
}
