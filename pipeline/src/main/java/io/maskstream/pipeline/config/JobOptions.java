package io.maskstream.pipeline.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The job's own settings: the graph, checkpointing and state, default prompts and file output. */
public final class JobOptions {
    private JobOptions() {}

    public static final ConfigOption<String> NAME = ConfigOptions.key("job.name")
            .stringType()
            .defaultValue("maskstream")
            .withDescription("Name of the Flink job.");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("job.parallelism")
            .intType()
            .defaultValue(1)
            .withDescription("Parallelism of the tracking operator; streams are spread over subtasks by stream id.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("job.checkpoint-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("Checkpoint interval; exactly-once output is committed when a checkpoint completes.");

    public static final ConfigOption<String> CHECKPOINT_DIR = ConfigOptions.key("job.checkpoint-dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Checkpoint storage URI (e.g. file:///var/maskstream/checkpoints or s3://bucket/path). "
                    + "Default: a temporary directory.");

    public static final ConfigOption<String> STATE_BACKEND = ConfigOptions.key("job.state-backend")
            .stringType()
            .defaultValue("rocksdb")
            .withDescription("Keyed state backend: rocksdb (incremental checkpoints) or hashmap.");

    public static final ConfigOption<String> OUTPUT_FILE = ConfigOptions.key("job.output-file")
            .stringType()
            .noDefaultValue()
            .withDescription("Optional directory for JSON-lines files of the masklet frames (besides Kafka): "
                    + "DIR/<stream id>/masklets-<writer>-<n>.jsonl, one line per frame. A stream's file is "
                    + "finished (renamed from a hidden in-progress file) at the first checkpoint after its end "
                    + "of stream, or after job.output-file-rollover.");

    public static final ConfigOption<Duration> OUTPUT_FILE_ROLLOVER = ConfigOptions.key("job.output-file-rollover")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("A stream's part file that has been open this long is finished (checked every "
                    + "minute) and a new one begun: the output of a stream that never ends becomes visible.");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS = ConfigOptions.key("job.restart-attempts")
            .intType()
            .defaultValue(10)
            .withDescription("Fixed-delay restart attempts after a failure (recovery resumes from the last checkpoint).");
}
