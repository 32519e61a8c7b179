package io.maskstream.pipeline.config;

import io.maskstream.connectors.kafka.DeliveryMode;
import io.maskstream.connectors.kafka.KafkaOptions;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.kit.coco.CocoKitOptions;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.operators.tracking.TrackerOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/** Every configuration key of the job, from every module's {@code *Options} class, and the start-up check. */
public final class MaskstreamConfig {
    public static final List<Class<?>> OPTION_CLASSES = List.of(
            JobOptions.class, StreamOptions.class, TrackerOptions.class, InferenceOptions.class, CocoKitOptions.class,
            KafkaOptions.class);

    private MaskstreamConfig() {}

    public static JobConfig schema() {
        return new JobConfig(OPTION_CLASSES);
    }

    /** Loads a YAML job file (may be null) with {@code key=value} overrides; unknown keys fail here. */
    public static Configuration load(Path yamlFile, List<String> overrides) {
        return schema().load(yamlFile, overrides);
    }

    /**
     * Checks everything that can be checked before a job is submitted: each module's settings parse
     * and validate, the model directory opens (its manifest, files and tensors) and its concept encoder
     * knows every default concept. Throws with a message naming the key or the manifest field; nothing
     * is started.
     */
    public static void validate(Configuration config) {
        if (config.get(StreamOptions.DETECTOR_MAX_BATCH) < 1) {
            throw new InvalidConfigException(StreamOptions.DETECTOR_MAX_BATCH.key() + " must be at least 1 (1 = no "
                    + "batching), got " + config.get(StreamOptions.DETECTOR_MAX_BATCH));
        }
        if (config.get(StreamOptions.DETECTOR_MAX_WAIT).isNegative()) {
            throw new InvalidConfigException(StreamOptions.DETECTOR_MAX_WAIT.key() + " must not be negative");
        }
        if (!(config.get(StreamOptions.INSTRUCTION_HYSTERESIS) >= 0)) {
            throw new InvalidConfigException(StreamOptions.INSTRUCTION_HYSTERESIS.key() + " must be 0 or more, got "
                    + config.get(StreamOptions.INSTRUCTION_HYSTERESIS));
        }
        TrackerOptions.from(config);
        checkTransactionTimeout(KafkaSettings.from(config), config.get(JobOptions.CHECKPOINT_INTERVAL));
        try (ModelKit kit = ModelKits.open(config)) {
            StreamOptions.checkDefaultConcepts(config, kit);
        } catch (InvalidConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the default concepts and a kit's own settings (model.kit, coco.*): the message names the key
            throw new InvalidConfigException(e.getMessage());
        } catch (ModelDirectoryException e) {
            // The manifest error names the field inside model.json; say which key pointed there.
            throw new InvalidConfigException(config.getOptional(InferenceOptions.MODEL_DIR)
                    .map(dir -> InferenceOptions.MODEL_DIR.key() + " '" + dir + "': " + e.getMessage())
                    .orElse(e.getMessage()));
        }
    }

    /**
     * An exactly-once sink's transaction stays open from one checkpoint to the completion of the next: a
     * transaction timeout not above the checkpoint interval would abort every transaction before its commit.
     */
    static void checkTransactionTimeout(KafkaSettings kafka, java.time.Duration checkpointInterval) {
        if (kafka.deliveryMode() == DeliveryMode.EXACTLY_ONCE
                && kafka.transactionTimeout().compareTo(checkpointInterval) <= 0) {
            throw new InvalidConfigException(KafkaOptions.TRANSACTION_TIMEOUT.key() + " ("
                    + kafka.transactionTimeout() + ") must be longer than " + JobOptions.CHECKPOINT_INTERVAL.key()
                    + " (" + checkpointInterval + ") with " + KafkaOptions.DELIVERY_MODE.key() + ": "
                    + DeliveryMode.EXACTLY_ONCE + " (a transaction is committed when the next checkpoint completes)");
        }
    }
}
