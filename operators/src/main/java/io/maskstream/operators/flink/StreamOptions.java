package io.maskstream.operators.flink;

import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.inference.UnknownConceptException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** How the tracking operator handles a stream's records: ordering, limits and idle streams. */
public final class StreamOptions {
    private StreamOptions() {}

    public static final ConfigOption<List<String>> DEFAULT_CONCEPTS = ConfigOptions.key("stream.default-concepts")
            .stringType()
            .asList()
            .defaultValues()
            .withDescription("Concepts prompted on every stream that has not been given its own (e.g. red;blue).");

    public static final ConfigOption<Integer> REORDER_WINDOW = ConfigOptions.key("stream.reorder-window")
            .intType()
            .defaultValue(8)
            .withDescription("How many later frames may wait for a missing seq before its gap is given up.");

    public static final ConfigOption<Long> MAX_SEQ_JUMP = ConfigOptions.key("stream.max-seq-jump")
            .longType()
            .defaultValue(100_000L)
            .withDescription("A frame further than this ahead of the stream's next seq is rejected as corrupt.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOptions.key("stream.idle-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(2))
            .withDescription("A stream silent this long (processing time) is flushed and its state cleared.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("stream.max-record-bytes")
            .intType()
            .defaultValue(32 << 20)
            .withDescription("Largest frame record accepted; larger ones go to the dead-letter topic.");

    public static final ConfigOption<Long> MAX_PIXELS = ConfigOptions.key("stream.max-pixels")
            .longType()
            .defaultValue(3840L * 2160)
            .withDescription("Largest width × height accepted (decompression-bomb guard).");

    public static final ConfigOption<Integer> DETECTOR_MAX_BATCH = ConfigOptions.key("stream.detector-max-batch")
            .intType()
            .defaultValue(1)
            .withDescription("Frames of different streams on one subtask that share a detector call: frame "
                    + "records are held until this many wait or stream.detector-max-wait has passed, then the "
                    + "detector runs once for them and each is processed in arrival order. 1: no batching (every "
                    + "frame runs the detector itself). Output is identical for every value; only a detector "
                    + "with a batch axis (model.json roles.detector.batchAxis) shares calls, others run frame by "
                    + "frame. Nothing is held across a checkpoint barrier.");

    public static final ConfigOption<Duration> DETECTOR_MAX_WAIT = ConfigOptions.key("stream.detector-max-wait")
            .durationType()
            .defaultValue(Duration.ofMillis(20))
            .withDescription("Longest a frame record waits (processing time) for others to fill a detector batch "
                    + "when stream.detector-max-batch is above 1.");

    public static final ConfigOption<Double> INSTRUCTION_HYSTERESIS = ConfigOptions.key("stream.instruction-hysteresis")
            .doubleType()
            .defaultValue(0.03)
            .withDescription("How much an instruction's ordering (leftmost, largest, nearest, ...) favours the masklets "
                    + "it selected on the previous frame, so a near tie does not flip the selection frame to frame: "
                    + "another masklet replaces one only when it is better by more than this fraction of the frame's "
                    + "width (leftmost, rightmost), height (topmost, bottommost) or diagonal (nearest, farthest), or "
                    + "of the area (largest, smallest). 0: no hysteresis. See docs/instructions.md.");

    /**
     * Checks that the models can encode every default concept (tokenizer only); otherwise the first
     * frame of every stream would fail.
     *
     * @throws IllegalArgumentException naming the key, the concept and the concepts the models know
     */
    public static void checkDefaultConcepts(ReadableConfig config, ModelKit models) {
        for (String concept : config.get(DEFAULT_CONCEPTS)) {
            try {
                models.conceptEncoder().check(concept);
            } catch (UnknownConceptException e) {
                List<String> known = models.concepts();
                String which = ModelKits.describe(config);
                throw new IllegalArgumentException(DEFAULT_CONCEPTS.key() + ": '" + concept + "' is not a concept "
                        + which + " know" + (known.isEmpty() ? " (" + e.getMessage() + ")"
                                : "; known concepts: " + String.join(", ", known)
                                        + " (a concept may combine them, separated by spaces)"));
            }
        }
    }
}
