package io.maskstream.pipeline.job;

import io.maskstream.pipeline.config.JobConfig;
import io.maskstream.pipeline.config.JobOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Turns the job configuration into a Flink execution environment: RocksDB with incremental
 * checkpoints (or heap), exactly-once checkpointing at the configured interval, a fixed-delay
 * restart strategy, records sent on at once (no network buffer timeout), and any {@code flink.*} keys passed
 * through to Flink as they are.
 */
public final class JobEnvironment {
    private JobEnvironment() {}

    /** Flink's own settings derived from the job configuration. */
    public static Configuration flinkConfiguration(Configuration job) {
        Configuration flink = new Configuration();
        String backend = job.get(JobOptions.STATE_BACKEND);
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw new io.maskstream.pipeline.config.InvalidConfigException(
                    "configuration key 'job.state-backend' must be rocksdb or hashmap, got '" + backend + "'");
        }
        flink.setString("state.backend.type", backend);
        flink.setString("execution.checkpointing.incremental", "true");
        flink.setString("execution.checkpointing.interval", job.get(JobOptions.CHECKPOINT_INTERVAL).toMillis() + " ms");
        flink.setString("execution.checkpointing.mode", CheckpointingMode.EXACTLY_ONCE.name());
        flink.setString("execution.checkpointing.dir", checkpointDir(job));
        flink.setString("restart-strategy.type", "fixed-delay");
        flink.setString("restart-strategy.fixed-delay.attempts", String.valueOf(job.get(JobOptions.RESTART_ATTEMPTS)));
        flink.setString("restart-strategy.fixed-delay.delay", "200 ms");
        flink.setString("pipeline.name", job.get(JobOptions.NAME));
        // A frame is one record of 10-100 KB that takes ~100 ms of model work: it goes to the tracking operator at
        // once instead of waiting up to Flink's default 100 ms for its network buffer to fill (a live feed's latency).
        flink.setString(ExecutionOptions.BUFFER_TIMEOUT.key(), "0 ms");
        for (String key : job.keySet()) {
            for (String prefix : JobConfig.PASS_THROUGH_PREFIXES) {
                if (prefix.equals("flink.") && key.startsWith(prefix)) {
                    flink.setString(key.substring(prefix.length()), job.getString(key, null));
                }
            }
        }
        return flink;
    }

    /** A local environment (a MiniCluster when run from the command line or a test). */
    public static StreamExecutionEnvironment local(Configuration job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(job));
        env.setParallelism(job.get(JobOptions.PARALLELISM));
        return env;
    }

    /** An environment that submits to a running session cluster, shipping this jar. */
    public static StreamExecutionEnvironment remote(Configuration job, String host, int port, String jarPath) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(host, port, flinkConfiguration(job), jarPath);
        env.setParallelism(job.get(JobOptions.PARALLELISM));
        return env;
    }

    private static String checkpointDir(Configuration job) {
        String dir = job.get(JobOptions.CHECKPOINT_DIR);
        if (dir != null) {
            return dir;
        }
        try {
            return Files.createTempDirectory("maskstream-checkpoints-").toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
