package io.maskstream.operators.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Configuration of the tracking rules ({@code tracking.*}). {@code tracking.preset} picks the rule
 * family and the defaults of every other key; a key that is set explicitly overrides the preset's
 * value. Each option's default is the paper preset's value; an option whose sam3-release value
 * differs is declared with it ({@link #inSam3Release}), which its description ends with.
 */
public final class TrackerOptions {
    private TrackerOptions() {}

    /** Filled as the options below are declared, so it comes first. */
    private static final Map<ConfigOption<?>, Object> SAM3_RELEASE_VALUES = new LinkedHashMap<>();

    public static final ConfigOption<String> PRESET = ConfigOptions.key("tracking.preset")
            .stringType()
            .defaultValue("paper")
            .withDescription("Rule family and defaults: 'paper' (SAM 3 paper, §C.3) or 'sam3-release' "
                    + "(what facebookresearch/sam3 ships).");

    public static final ConfigOption<Float> DETECTION_SCORE_THRESHOLD = ConfigOptions.key("tracking.detection-score-threshold")
            .floatType()
            .defaultValue(0.5f)
            .withDescription("Detections scoring below this are dropped before anything else.");

    public static final ConfigOption<Float> IOU_THRESHOLD = ConfigOptions.key("tracking.iou-threshold")
            .floatType()
            .defaultValue(0.1f)
            .withDescription("Mask IoU at which a detection matches a masklet's prediction (paper: Δ = +1 when IoU > it; sam3-release: IoU ≥ it), which makes a detection not new, and at which two masklets sharing one detection count as duplicates (IoU ≥ it with both).");

    public static final ConfigOption<Float> UNMATCHED_IOU_THRESHOLD = inSam3Release(0.5f,
            ConfigOptions.key("tracking.unmatched-iou-threshold")
                    .floatType()
                    .defaultValue(0.1f),
            "sam3-release rules only: a non-empty prediction with no detection at IoU ≥ this is 'unmatched' (keep-alive −1, hotstart unmatched count).");

    public static final ConfigOption<Float> NEW_DETECTION_THRESHOLD = ConfigOptions.key("tracking.new-detection-threshold")
            .floatType()
            .defaultValue(0.7f)
            .withDescription("A detection matched by no masklet starts a new masklet if its score is at least this.");

    public static final ConfigOption<Integer> CONFIRMATION_DELAY = inSam3Release(14,
            ConfigOptions.key("tracking.confirmation-delay")
                    .intType()
                    .defaultValue(15),
            "T: the output of frame τ is released after T later frames have been processed; masklets whose first frame is within the last T frames are young and can still be removed. sam3-release's hotstart_delay of 15 buffers the frame itself plus 14 later ones, hence 14.");

    public static final ConfigOption<Integer> UNCONFIRMED_THRESHOLD = ConfigOptions.key("tracking.unconfirmed-threshold")
            .intType()
            .defaultValue(0)
            .withDescription("Paper rules: V; a young masklet whose masklet detection score is below V is removed.");

    public static final ConfigOption<Integer> UNMATCHED_MIN_FRAMES = ConfigOptions.key("tracking.unmatched-min-frames")
            .intType()
            .defaultValue(8)
            .withDescription("sam3-release rules: a young masklet unmatched on at least this many frames is removed (hotstart_unmatch_thresh).");

    public static final ConfigOption<Integer> DUPLICATE_MIN_FRAMES = ConfigOptions.key("tracking.duplicate-min-frames")
            .intType()
            .defaultValue(8)
            .withDescription("A young masklet sharing a detection with an earlier-starting masklet on at least this many frames is removed as its duplicate (paper: ⌈T/2⌉; sam3-release: hotstart_dup_thresh).");

    public static final ConfigOption<Integer> KEEP_ALIVE_INITIAL = ConfigOptions.key("tracking.keep-alive-initial")
            .intType()
            .defaultValue(30)
            .withDescription("sam3-release rules: keep-alive score of a new masklet.");

    public static final ConfigOption<Integer> KEEP_ALIVE_MAX = ConfigOptions.key("tracking.keep-alive-max")
            .intType()
            .defaultValue(30)
            .withDescription("sam3-release rules: keep-alive cap (+1 per matched frame).");

    public static final ConfigOption<Integer> KEEP_ALIVE_MIN = ConfigOptions.key("tracking.keep-alive-min")
            .intType()
            .defaultValue(-1)
            .withDescription("sam3-release rules: keep-alive floor (−1 per unmatched frame).");

    public static final ConfigOption<Float> OVERLAP_SUPPRESSION_IOU = ConfigOptions.key("tracking.overlap-suppression-iou")
            .floatType()
            .defaultValue(0.7f)
            .withDescription("Overlap suppression: of two predictions with mask IoU ≥ this, the more recently occluded one is emitted (and memorised) empty.");

    public static final ConfigOption<Integer> REPROMPT_PERIOD = ConfigOptions.key("tracking.reprompt-period")
            .intType()
            .defaultValue(16)
            .withDescription("N: periodic re-prompting runs on every N-th processed frame.");

    public static final ConfigOption<Float> REPROMPT_IOU_THRESHOLD = ConfigOptions.key("tracking.reprompt-iou-threshold")
            .floatType()
            .defaultValue(0.8f)
            .withDescription("Periodic re-prompt: minimum mask IoU between the detection and the prediction.");

    public static final ConfigOption<Float> REPROMPT_DETECTION_SCORE = ConfigOptions.key("tracking.reprompt-detection-score")
            .floatType()
            .defaultValue(0.8f)
            .withDescription("Periodic re-prompt: minimum detection score.");

    public static final ConfigOption<Float> REPROMPT_MASKLET_SCORE = inSam3Release(0.69f,
            ConfigOptions.key("tracking.reprompt-masklet-score")
                    .floatType()
                    .defaultValue(0.8f),
            "Periodic re-prompt: minimum masklet (object) score of the prediction. sam3-release compares the object-score logit with 0.8, i.e. a probability of sigmoid(0.8) ≈ 0.69.");

    public static final ConfigOption<Float> DETECTION_GUIDED_BOX_IOU = ConfigOptions.key("tracking.detection-guided-box-iou")
            .floatType()
            .defaultValue(0.85f)
            .withDescription("Detection-guided re-prompt: a masklet is re-prompted from its best-matching detection when their boxes have IoU below this.");

    public static final ConfigOption<Integer> MAX_OBJECTS = ConfigOptions.key("tracking.max-objects")
            .intType()
            .defaultValue(64)
            .withDescription("Most live masklets per stream; new detections beyond it are not spawned (counted).");

    public static final ConfigOption<Integer> MAX_LOST_FRAMES = ConfigOptions.key("tracking.max-lost-frames")
            .intType()
            .defaultValue(300)
            .withDescription("Streaming extension (in neither the paper nor the release, which never remove a confirmed "
                    + "masklet): a masklet that no detection has matched for this many frames is removed ('ended'), "
                    + "so that objects that left do not fill the object cap of an endless stream. 0 switches it off.");

    public static final ConfigOption<Integer> MEMORY_FRAMES = ConfigOptions.key("tracking.memory-frames")
            .intType()
            .defaultValue(7)
            .withDescription("SAM 2 num_maskmem: the conditioning slot plus (this − 1) most recent admitted frames in memory attention.");

    public static final ConfigOption<Integer> MAX_CONDITIONING_FRAMES = ConfigOptions.key("tracking.max-conditioning-frames")
            .intType()
            .defaultValue(4)
            .withDescription("Most conditioning frames in memory attention (the closest in time, i.e. the latest).");

    public static final ConfigOption<Integer> MAX_OBJECT_POINTERS = ConfigOptions.key("tracking.max-object-pointers")
            .intType()
            .defaultValue(16)
            .withDescription("Object pointers: those of the conditioning frames plus up to (this − 1) recent admitted frames.");

    public static final ConfigOption<Float> MEMORY_SCORE_THRESHOLD = ConfigOptions.key("tracking.memory-score-threshold")
            .floatType()
            .defaultValue(0.01f)
            .withDescription("A frame enters a masklet's recent memory only if the prediction's effective score (object score × predicted IoU) exceeds this.");

    public static final ConfigOption<Boolean> CONFIRMATION_DELAY_ENABLED = ConfigOptions.key("tracking.enabled.confirmation-delay")
            .booleanType()
            .defaultValue(true)
            .withDescription("Hold outputs for T frames (off: release every frame at once; the removal rules still use the window, but cannot retract what was released).");

    public static final ConfigOption<Boolean> UNCONFIRMED_REMOVAL_ENABLED = ConfigOptions.key("tracking.enabled.unconfirmed-removal")
            .booleanType()
            .defaultValue(true)
            .withDescription("Remove young masklets that are not confirmed by detections (paper: MDS < V; sam3-release: hotstart unmatched frames).");

    public static final ConfigOption<Boolean> DUPLICATE_REMOVAL_ENABLED = ConfigOptions.key("tracking.enabled.duplicate-removal")
            .booleanType()
            .defaultValue(true)
            .withDescription("Remove young masklets that duplicate an earlier one.");

    public static final ConfigOption<Boolean> SUPPRESSION_ENABLED = inSam3Release(false,
            ConfigOptions.key("tracking.enabled.suppression")
                    .booleanType()
                    .defaultValue(true),
            "Emit a confirmed masklet empty while its score says it is lost (paper: lifetime MDS < 0; sam3-release: keep-alive ≤ 0, off as shipped: suppress_unmatched_only_within_hotstart).");

    public static final ConfigOption<Boolean> PERIODIC_REPROMPT_ENABLED = ConfigOptions.key("tracking.enabled.periodic-reprompt")
            .booleanType()
            .defaultValue(true)
            .withDescription("Periodic re-prompting from high-confidence detections.");

    public static final ConfigOption<Boolean> DETECTION_GUIDED_REPROMPT_ENABLED = inSam3Release(false,
            ConfigOptions.key("tracking.enabled.detection-guided-reprompt")
                    .booleanType()
                    .defaultValue(true),
            "Detection-guided re-prompting on box IoU mismatch.");

    public static final ConfigOption<Boolean> OVERLAP_SUPPRESSION_ENABLED = inSam3Release(true,
            ConfigOptions.key("tracking.enabled.overlap-suppression")
                    .booleanType()
                    .defaultValue(false),
            "Suppress the more recently occluded of two strongly overlapping masklets.");

    /**
     * The settings in {@code config}: the preset's values with every explicitly set key applied.
     *
     * @throws IllegalArgumentException naming the key of an invalid value
     */
    public static TrackerSettings from(ReadableConfig config) {
        return TrackerSettings.from(config);
    }

    /** The values in which the sam3-release preset differs from the options' defaults. */
    static Map<ConfigOption<?>, Object> sam3ReleaseValues() {
        return Collections.unmodifiableMap(SAM3_RELEASE_VALUES);
    }

    /** Declares {@code option}'s value in the sam3-release preset; the description says it. */
    private static <T> ConfigOption<T> inSam3Release(T value, ConfigOption<T> option, String description) {
        ConfigOption<T> described = option.withDescription(description + " sam3-release default: " + value + ".");
        SAM3_RELEASE_VALUES.put(described, value);
        return described;
    }

    static void checkUnit(ConfigOption<?> option, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(option.key() + " must lie in [0, 1], got " + value);
        }
    }

    static void checkAtLeast(ConfigOption<?> option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option.key() + " must be at least " + min + ", got " + value);
        }
    }
}
