package io.maskstream.operators.tracking;

import java.util.Objects;

/**
 * The immutable settings of a {@link StreamTracker}: the rule family ({@link #preset()}), every
 * threshold and a switch per rule (for ablations). Build from configuration with
 * {@link TrackerOptions#from}, or start from {@link #paper()} / {@link #sam3Release()} and change
 * values with {@link #toBuilder()}. The compact constructor validates every value and names the
 * configuration key of a bad one.
 */
public record TrackerSettings(
        TrackerPreset preset,
        float detectionScoreThreshold,
        float iouThreshold,
        float unmatchedIouThreshold,
        float newDetectionThreshold,
        int confirmationDelay,
        int unconfirmedThreshold,
        int unmatchedMinFrames,
        int duplicateMinFrames,
        int keepAliveInitial,
        int keepAliveMax,
        int keepAliveMin,
        float overlapSuppressionIou,
        int repromptPeriod,
        float repromptIouThreshold,
        float repromptDetectionScore,
        float repromptMaskletScore,
        float detectionGuidedBoxIou,
        int maxObjects,
        int maxLostFrames,
        int memoryFrames,
        int maxConditioningFrames,
        int maxObjectPointers,
        float memoryScoreThreshold,
        boolean confirmationDelayEnabled,
        boolean unconfirmedRemovalEnabled,
        boolean duplicateRemovalEnabled,
        boolean suppressionEnabled,
        boolean periodicRepromptEnabled,
        boolean detectionGuidedRepromptEnabled,
        boolean overlapSuppressionEnabled) {

    public TrackerSettings {
        Objects.requireNonNull(preset, "preset");
        TrackerOptions.checkUnit(TrackerOptions.DETECTION_SCORE_THRESHOLD, detectionScoreThreshold);
        TrackerOptions.checkUnit(TrackerOptions.IOU_THRESHOLD, iouThreshold);
        TrackerOptions.checkUnit(TrackerOptions.UNMATCHED_IOU_THRESHOLD, unmatchedIouThreshold);
        TrackerOptions.checkUnit(TrackerOptions.NEW_DETECTION_THRESHOLD, newDetectionThreshold);
        TrackerOptions.checkAtLeast(TrackerOptions.CONFIRMATION_DELAY, confirmationDelay, 0);
        TrackerOptions.checkAtLeast(TrackerOptions.UNMATCHED_MIN_FRAMES, unmatchedMinFrames, 1);
        TrackerOptions.checkAtLeast(TrackerOptions.DUPLICATE_MIN_FRAMES, duplicateMinFrames, 1);
        TrackerOptions.checkUnit(TrackerOptions.OVERLAP_SUPPRESSION_IOU, overlapSuppressionIou);
        TrackerOptions.checkAtLeast(TrackerOptions.REPROMPT_PERIOD, repromptPeriod, 1);
        TrackerOptions.checkUnit(TrackerOptions.REPROMPT_IOU_THRESHOLD, repromptIouThreshold);
        TrackerOptions.checkUnit(TrackerOptions.REPROMPT_DETECTION_SCORE, repromptDetectionScore);
        TrackerOptions.checkUnit(TrackerOptions.REPROMPT_MASKLET_SCORE, repromptMaskletScore);
        TrackerOptions.checkUnit(TrackerOptions.DETECTION_GUIDED_BOX_IOU, detectionGuidedBoxIou);
        TrackerOptions.checkAtLeast(TrackerOptions.MAX_OBJECTS, maxObjects, 1);
        TrackerOptions.checkAtLeast(TrackerOptions.MAX_LOST_FRAMES, maxLostFrames, 0);
        TrackerOptions.checkAtLeast(TrackerOptions.MEMORY_FRAMES, memoryFrames, 1);
        TrackerOptions.checkAtLeast(TrackerOptions.MAX_CONDITIONING_FRAMES, maxConditioningFrames, 1);
        TrackerOptions.checkAtLeast(TrackerOptions.MAX_OBJECT_POINTERS, maxObjectPointers, 1);
        TrackerOptions.checkUnit(TrackerOptions.MEMORY_SCORE_THRESHOLD, memoryScoreThreshold);
        TrackerOptions.checkAtLeast(TrackerOptions.KEEP_ALIVE_MAX, keepAliveMax, keepAliveMin);
        if (keepAliveInitial < keepAliveMin || keepAliveInitial > keepAliveMax) {
            throw new IllegalArgumentException(TrackerOptions.KEEP_ALIVE_INITIAL.key() + " must lie in [" + keepAliveMin + ", " + keepAliveMax + "], got " + keepAliveInitial);
        }
    }

    /** The paper's rules and numbers (the default). */
    public static TrackerSettings paper() {
        return new TrackerSettings(TrackerPreset.PAPER,
                0.5f,
                0.1f,
                0.1f,
                0.7f,
                15,
                0,
                8,
                8,
                30,
                30,
                -1,
                0.7f,
                16,
                0.8f,
                0.8f,
                0.8f,
                0.85f,
                64,
                300,
                7,
                4,
                16,
                0.01f,
                true,
                true,
                true,
                true,
                true,
                true,
                false);
    }

    /** The rules and numbers facebookresearch/sam3 ships (see {@link StreamTracker}). */
    public static TrackerSettings sam3Release() {
        return new TrackerSettings(TrackerPreset.SAM3_RELEASE,
                0.5f,
                0.1f,
                0.5f,
                0.7f,
                14,
                0,
                8,
                8,
                30,
                30,
                -1,
                0.7f,
                16,
                0.8f,
                0.8f,
                0.69f,
                0.85f,
                64,
                300,
                7,
                4,
                16,
                0.01f,
                true,
                true,
                true,
                false,
                true,
                false,
                true);
    }

    /** The defaults of {@code preset}. */
    public static TrackerSettings of(TrackerPreset preset) {
        return preset == TrackerPreset.SAM3_RELEASE ? sam3Release() : paper();
    }

    /** The number of later frames an output waits for: T, or 0 when the delay is switched off. */
    public int releaseDelay() {
        return confirmationDelayEnabled ? confirmationDelay : 0;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a settings value; {@link #build()} validates. */
    public static final class Builder {
        private TrackerPreset preset;
        private float detectionScoreThreshold;
        private float iouThreshold;
        private float unmatchedIouThreshold;
        private float newDetectionThreshold;
        private int confirmationDelay;
        private int unconfirmedThreshold;
        private int unmatchedMinFrames;
        private int duplicateMinFrames;
        private int keepAliveInitial;
        private int keepAliveMax;
        private int keepAliveMin;
        private float overlapSuppressionIou;
        private int repromptPeriod;
        private float repromptIouThreshold;
        private float repromptDetectionScore;
        private float repromptMaskletScore;
        private float detectionGuidedBoxIou;
        private int maxObjects;
        private int maxLostFrames;
        private int memoryFrames;
        private int maxConditioningFrames;
        private int maxObjectPointers;
        private float memoryScoreThreshold;
        private boolean confirmationDelayEnabled;
        private boolean unconfirmedRemovalEnabled;
        private boolean duplicateRemovalEnabled;
        private boolean suppressionEnabled;
        private boolean periodicRepromptEnabled;
        private boolean detectionGuidedRepromptEnabled;
        private boolean overlapSuppressionEnabled;

        private Builder(TrackerSettings s) {
            this.preset = s.preset;
            this.detectionScoreThreshold = s.detectionScoreThreshold;
            this.iouThreshold = s.iouThreshold;
            this.unmatchedIouThreshold = s.unmatchedIouThreshold;
            this.newDetectionThreshold = s.newDetectionThreshold;
            this.confirmationDelay = s.confirmationDelay;
            this.unconfirmedThreshold = s.unconfirmedThreshold;
            this.unmatchedMinFrames = s.unmatchedMinFrames;
            this.duplicateMinFrames = s.duplicateMinFrames;
            this.keepAliveInitial = s.keepAliveInitial;
            this.keepAliveMax = s.keepAliveMax;
            this.keepAliveMin = s.keepAliveMin;
            this.overlapSuppressionIou = s.overlapSuppressionIou;
            this.repromptPeriod = s.repromptPeriod;
            this.repromptIouThreshold = s.repromptIouThreshold;
            this.repromptDetectionScore = s.repromptDetectionScore;
            this.repromptMaskletScore = s.repromptMaskletScore;
            this.detectionGuidedBoxIou = s.detectionGuidedBoxIou;
            this.maxObjects = s.maxObjects;
            this.maxLostFrames = s.maxLostFrames;
            this.memoryFrames = s.memoryFrames;
            this.maxConditioningFrames = s.maxConditioningFrames;
            this.maxObjectPointers = s.maxObjectPointers;
            this.memoryScoreThreshold = s.memoryScoreThreshold;
            this.confirmationDelayEnabled = s.confirmationDelayEnabled;
            this.unconfirmedRemovalEnabled = s.unconfirmedRemovalEnabled;
            this.duplicateRemovalEnabled = s.duplicateRemovalEnabled;
            this.suppressionEnabled = s.suppressionEnabled;
            this.periodicRepromptEnabled = s.periodicRepromptEnabled;
            this.detectionGuidedRepromptEnabled = s.detectionGuidedRepromptEnabled;
            this.overlapSuppressionEnabled = s.overlapSuppressionEnabled;
        }

        public Builder preset(TrackerPreset v) {
            this.preset = v;
            return this;
        }

        public Builder detectionScoreThreshold(float v) {
            this.detectionScoreThreshold = v;
            return this;
        }

        public Builder iouThreshold(float v) {
            this.iouThreshold = v;
            return this;
        }

        public Builder unmatchedIouThreshold(float v) {
            this.unmatchedIouThreshold = v;
            return this;
        }

        public Builder newDetectionThreshold(float v) {
            this.newDetectionThreshold = v;
            return this;
        }

        public Builder confirmationDelay(int v) {
            this.confirmationDelay = v;
            return this;
        }

        public Builder unconfirmedThreshold(int v) {
            this.unconfirmedThreshold = v;
            return this;
        }

        public Builder unmatchedMinFrames(int v) {
            this.unmatchedMinFrames = v;
            return this;
        }

        public Builder duplicateMinFrames(int v) {
            this.duplicateMinFrames = v;
            return this;
        }

        public Builder keepAliveInitial(int v) {
            this.keepAliveInitial = v;
            return this;
        }

        public Builder keepAliveMax(int v) {
            this.keepAliveMax = v;
            return this;
        }

        public Builder keepAliveMin(int v) {
            this.keepAliveMin = v;
            return this;
        }

        public Builder overlapSuppressionIou(float v) {
            this.overlapSuppressionIou = v;
            return this;
        }

        public Builder repromptPeriod(int v) {
            this.repromptPeriod = v;
            return this;
        }

        public Builder repromptIouThreshold(float v) {
            this.repromptIouThreshold = v;
            return this;
        }

        public Builder repromptDetectionScore(float v) {
            this.repromptDetectionScore = v;
            return this;
        }

        public Builder repromptMaskletScore(float v) {
            this.repromptMaskletScore = v;
            return this;
        }

        public Builder detectionGuidedBoxIou(float v) {
            this.detectionGuidedBoxIou = v;
            return this;
        }

        public Builder maxObjects(int v) {
            this.maxObjects = v;
            return this;
        }

        public Builder maxLostFrames(int v) {
            this.maxLostFrames = v;
            return this;
        }

        public Builder memoryFrames(int v) {
            this.memoryFrames = v;
            return this;
        }

        public Builder maxConditioningFrames(int v) {
            this.maxConditioningFrames = v;
            return this;
        }

        public Builder maxObjectPointers(int v) {
            this.maxObjectPointers = v;
            return this;
        }

        public Builder memoryScoreThreshold(float v) {
            this.memoryScoreThreshold = v;
            return this;
        }

        public Builder confirmationDelayEnabled(boolean v) {
            this.confirmationDelayEnabled = v;
            return this;
        }

        public Builder unconfirmedRemovalEnabled(boolean v) {
            this.unconfirmedRemovalEnabled = v;
            return this;
        }

        public Builder duplicateRemovalEnabled(boolean v) {
            this.duplicateRemovalEnabled = v;
            return this;
        }

        public Builder suppressionEnabled(boolean v) {
            this.suppressionEnabled = v;
            return this;
        }

        public Builder periodicRepromptEnabled(boolean v) {
            this.periodicRepromptEnabled = v;
            return this;
        }

        public Builder detectionGuidedRepromptEnabled(boolean v) {
            this.detectionGuidedRepromptEnabled = v;
            return this;
        }

        public Builder overlapSuppressionEnabled(boolean v) {
            this.overlapSuppressionEnabled = v;
            return this;
        }

        public TrackerSettings build() {
            return new TrackerSettings(preset,
                    detectionScoreThreshold,
                    iouThreshold,
                    unmatchedIouThreshold,
                    newDetectionThreshold,
                    confirmationDelay,
                    unconfirmedThreshold,
                    unmatchedMinFrames,
                    duplicateMinFrames,
                    keepAliveInitial,
                    keepAliveMax,
                    keepAliveMin,
                    overlapSuppressionIou,
                    repromptPeriod,
                    repromptIouThreshold,
                    repromptDetectionScore,
                    repromptMaskletScore,
                    detectionGuidedBoxIou,
                    maxObjects,
                    maxLostFrames,
                    memoryFrames,
                    maxConditioningFrames,
                    maxObjectPointers,
                    memoryScoreThreshold,
                    confirmationDelayEnabled,
                    unconfirmedRemovalEnabled,
                    duplicateRemovalEnabled,
                    suppressionEnabled,
                    periodicRepromptEnabled,
                    detectionGuidedRepromptEnabled,
                    overlapSuppressionEnabled);
        }
    }
}
