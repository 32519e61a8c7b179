package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.TrackerOptions.*;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The immutable settings of a {@link StreamTracker}, read from configuration: the rule family
 * ({@link #preset()}), every threshold and a switch per rule (for ablations). Each value is the
 * key's if it is set, else the preset's ({@link TrackerPreset#overrides()}), else the option's
 * default in {@link TrackerOptions}: a default is written only there. Reading validates every value
 * and names the configuration key of a bad one.
 */
public final class TrackerSettings {
    /** Every option with its value, the preset included: what {@link #with} changes and equality compares. */
    private final Configuration values = new Configuration();
    private final TrackerPreset preset;
    private final float detectionScoreThreshold;
    private final float iouThreshold;
    private final float unmatchedIouThreshold;
    private final float newDetectionThreshold;
    private final int confirmationDelay;
    private final int unconfirmedThreshold;
    private final int unmatchedMinFrames;
    private final int duplicateMinFrames;
    private final int keepAliveInitial;
    private final int keepAliveMax;
    private final int keepAliveMin;
    private final float overlapSuppressionIou;
    private final int repromptPeriod;
    private final float repromptIouThreshold;
    private final float repromptDetectionScore;
    private final float repromptMaskletScore;
    private final float detectionGuidedBoxIou;
    private final int maxObjects;
    private final int maxLostFrames;
    private final int memoryFrames;
    private final int maxConditioningFrames;
    private final int maxObjectPointers;
    private final float memoryScoreThreshold;
    private final boolean confirmationDelayEnabled;
    private final boolean unconfirmedRemovalEnabled;
    private final boolean duplicateRemovalEnabled;
    private final boolean suppressionEnabled;
    private final boolean periodicRepromptEnabled;
    private final boolean detectionGuidedRepromptEnabled;
    private final boolean overlapSuppressionEnabled;

    private TrackerSettings(ReadableConfig config) {
        preset = TrackerPreset.ofKey(config.get(PRESET));
        values.set(PRESET, preset.key());
        detectionScoreThreshold = unit(config, DETECTION_SCORE_THRESHOLD);
        iouThreshold = unit(config, IOU_THRESHOLD);
        unmatchedIouThreshold = unit(config, UNMATCHED_IOU_THRESHOLD);
        newDetectionThreshold = unit(config, NEW_DETECTION_THRESHOLD);
        confirmationDelay = atLeast(config, CONFIRMATION_DELAY, 0);
        unconfirmedThreshold = read(config, UNCONFIRMED_THRESHOLD);
        unmatchedMinFrames = atLeast(config, UNMATCHED_MIN_FRAMES, 1);
        duplicateMinFrames = atLeast(config, DUPLICATE_MIN_FRAMES, 1);
        keepAliveMin = read(config, KEEP_ALIVE_MIN);
        keepAliveMax = atLeast(config, KEEP_ALIVE_MAX, keepAliveMin);
        keepAliveInitial = read(config, KEEP_ALIVE_INITIAL);
        if (keepAliveInitial < keepAliveMin || keepAliveInitial > keepAliveMax) {
            throw new IllegalArgumentException(KEEP_ALIVE_INITIAL.key() + " must lie in [" + keepAliveMin + ", "
                    + keepAliveMax + "], got " + keepAliveInitial);
        }
        overlapSuppressionIou = unit(config, OVERLAP_SUPPRESSION_IOU);
        repromptPeriod = atLeast(config, REPROMPT_PERIOD, 1);
        repromptIouThreshold = unit(config, REPROMPT_IOU_THRESHOLD);
        repromptDetectionScore = unit(config, REPROMPT_DETECTION_SCORE);
        repromptMaskletScore = unit(config, REPROMPT_MASKLET_SCORE);
        detectionGuidedBoxIou = unit(config, DETECTION_GUIDED_BOX_IOU);
        maxObjects = atLeast(config, MAX_OBJECTS, 1);
        maxLostFrames = atLeast(config, MAX_LOST_FRAMES, 0);
        memoryFrames = atLeast(config, MEMORY_FRAMES, 1);
        maxConditioningFrames = atLeast(config, MAX_CONDITIONING_FRAMES, 1);
        maxObjectPointers = atLeast(config, MAX_OBJECT_POINTERS, 1);
        memoryScoreThreshold = unit(config, MEMORY_SCORE_THRESHOLD);
        confirmationDelayEnabled = read(config, CONFIRMATION_DELAY_ENABLED);
        unconfirmedRemovalEnabled = read(config, UNCONFIRMED_REMOVAL_ENABLED);
        duplicateRemovalEnabled = read(config, DUPLICATE_REMOVAL_ENABLED);
        suppressionEnabled = read(config, SUPPRESSION_ENABLED);
        periodicRepromptEnabled = read(config, PERIODIC_REPROMPT_ENABLED);
        detectionGuidedRepromptEnabled = read(config, DETECTION_GUIDED_REPROMPT_ENABLED);
        overlapSuppressionEnabled = read(config, OVERLAP_SUPPRESSION_ENABLED);
    }

    /**
     * The settings in {@code config} ({@link TrackerOptions#from} is the same).
     *
     * @throws IllegalArgumentException naming the key of an invalid value
     */
    public static TrackerSettings from(ReadableConfig config) {
        return new TrackerSettings(config);
    }

    /** The defaults of {@code preset}. */
    public static TrackerSettings of(TrackerPreset preset) {
        return from(new Configuration().set(PRESET, preset.key()));
    }

    /** The paper's rules and numbers (the default). */
    public static TrackerSettings paper() {
        return of(TrackerPreset.PAPER);
    }

    /** The rules and numbers facebookresearch/sam3 ships (see {@link StreamTracker}). */
    public static TrackerSettings sam3Release() {
        return of(TrackerPreset.SAM3_RELEASE);
    }

    /**
     * These settings with {@code option} set to {@code value}; every other value stays as it is
     * (also when {@code option} is {@link TrackerOptions#PRESET}, which then changes only the rules).
     *
     * @throws IllegalArgumentException naming the key if the value is invalid
     */
    public <T> TrackerSettings with(ConfigOption<T> option, T value) {
        return from(new Configuration(values).set(option, value));
    }

    /** The option's value: set in {@code config}, else the preset's, else the option's default. */
    @SuppressWarnings("unchecked")
    private <T> T read(ReadableConfig config, ConfigOption<T> option) {
        Optional<T> set = config.getOptional(option);
        Object presetValue = preset.overrides().get(option);
        T value = set.orElse(presetValue != null ? (T) presetValue : option.defaultValue());
        values.set(option, value);
        return value;
    }

    private float unit(ReadableConfig config, ConfigOption<Float> option) {
        float value = read(config, option);
        TrackerOptions.checkUnit(option, value);
        return value;
    }

    private int atLeast(ReadableConfig config, ConfigOption<Integer> option, int min) {
        int value = read(config, option);
        TrackerOptions.checkAtLeast(option, value, min);
        return value;
    }

    /** The number of later frames an output waits for: T, or 0 when the delay is switched off. */
    public int releaseDelay() {
        return confirmationDelayEnabled ? confirmationDelay : 0;
    }

    public TrackerPreset preset() {
        return preset;
    }

    public float detectionScoreThreshold() {
        return detectionScoreThreshold;
    }

    public float iouThreshold() {
        return iouThreshold;
    }

    public float unmatchedIouThreshold() {
        return unmatchedIouThreshold;
    }

    public float newDetectionThreshold() {
        return newDetectionThreshold;
    }

    public int confirmationDelay() {
        return confirmationDelay;
    }

    public int unconfirmedThreshold() {
        return unconfirmedThreshold;
    }

    public int unmatchedMinFrames() {
        return unmatchedMinFrames;
    }

    public int duplicateMinFrames() {
        return duplicateMinFrames;
    }

    public int keepAliveInitial() {
        return keepAliveInitial;
    }

    public int keepAliveMax() {
        return keepAliveMax;
    }

    public int keepAliveMin() {
        return keepAliveMin;
    }

    public float overlapSuppressionIou() {
        return overlapSuppressionIou;
    }

    public int repromptPeriod() {
        return repromptPeriod;
    }

    public float repromptIouThreshold() {
        return repromptIouThreshold;
    }

    public float repromptDetectionScore() {
        return repromptDetectionScore;
    }

    public float repromptMaskletScore() {
        return repromptMaskletScore;
    }

    public float detectionGuidedBoxIou() {
        return detectionGuidedBoxIou;
    }

    public int maxObjects() {
        return maxObjects;
    }

    public int maxLostFrames() {
        return maxLostFrames;
    }

    public int memoryFrames() {
        return memoryFrames;
    }

    public int maxConditioningFrames() {
        return maxConditioningFrames;
    }

    public int maxObjectPointers() {
        return maxObjectPointers;
    }

    public float memoryScoreThreshold() {
        return memoryScoreThreshold;
    }

    public boolean confirmationDelayEnabled() {
        return confirmationDelayEnabled;
    }

    public boolean unconfirmedRemovalEnabled() {
        return unconfirmedRemovalEnabled;
    }

    public boolean duplicateRemovalEnabled() {
        return duplicateRemovalEnabled;
    }

    public boolean suppressionEnabled() {
        return suppressionEnabled;
    }

    public boolean periodicRepromptEnabled() {
        return periodicRepromptEnabled;
    }

    public boolean detectionGuidedRepromptEnabled() {
        return detectionGuidedRepromptEnabled;
    }

    public boolean overlapSuppressionEnabled() {
        return overlapSuppressionEnabled;
    }

    /** Every key with its value, sorted by key. */
    public Map<String, String> toMap() {
        return new TreeMap<>(values.toMap());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackerSettings s && toMap().equals(s.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "TrackerSettings" + toMap();
    }
}
