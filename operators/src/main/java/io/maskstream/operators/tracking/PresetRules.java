package io.maskstream.operators.tracking;

/**
 * The rules that differ between the presets ({@link TrackerPreset}): when a detection matches a
 * prediction, how a masklet's score moves on a frame, and when that score removes a young masklet
 * or suppresses a confirmed one. Everything else a {@link StreamTracker} does is the same for both.
 */
abstract class PresetRules {
    final TrackerSettings settings;

    private PresetRules(TrackerSettings settings) {
        this.settings = settings;
    }

    static PresetRules of(TrackerSettings settings) {
        return settings.preset() == TrackerPreset.PAPER ? new Paper(settings) : new Sam3Release(settings);
    }

    /** Whether a detection whose mask has IoU {@code iou} with a prediction matches it. */
    abstract boolean matches(double iou);

    /** Score update of masklet {@code m} of {@code frame}. */
    abstract void updateScore(Association frame, int m);

    /** Unconfirmed: the young masklet's score says detections do not confirm it. */
    abstract boolean isUnconfirmed(Track track);

    /** Suppressed: the masklet's score says it is lost ({@code confirmed}: it has survived T frames). */
    abstract boolean isSuppressedByScore(Track track, boolean confirmed);

    /** The SAM 3 paper (§C.3): the masklet detection score (MDS). */
    static final class Paper extends PresetRules {
        Paper(TrackerSettings settings) {
            super(settings);
        }

        /** IoU &gt; {@code iou-threshold}. */
        @Override
        boolean matches(double iou) {
            return iou > 0 && iou > settings.iouThreshold();
        }

        /** Δ = +1 if some detection matches, else −1, added to the lifetime MDS. */
        @Override
        void updateScore(Association frame, int m) {
            frame.masklets.get(m).track().mds += frame.matched(m) ? 1 : -1;
        }

        /** MDS &lt; V ({@code unconfirmed-threshold}). */
        @Override
        boolean isUnconfirmed(Track track) {
            return track.mds < settings.unconfirmedThreshold();
        }

        /** Confirmed with lifetime MDS &lt; 0. */
        @Override
        boolean isSuppressedByScore(Track track, boolean confirmed) {
            return confirmed && track.mds < 0;
        }
    }

    /** What facebookresearch/sam3 ships: keep-alive and hotstart unmatched frames. */
    static final class Sam3Release extends PresetRules {
        Sam3Release(TrackerSettings settings) {
            super(settings);
        }

        /** IoU ≥ {@code iou-threshold}. */
        @Override
        boolean matches(double iou) {
            return iou > 0 && iou >= settings.iouThreshold();
        }

        /**
         * Keep-alive +1 when matched (cap), −1 when the prediction is non-empty and no detection
         * reaches {@code unmatched-iou-threshold} (floor; a prediction between the two gets both); an
         * unmatched young masklet counts the frame.
         */
        @Override
        void updateScore(Association frame, int m) {
            Association.Predicted p = frame.masklets.get(m);
            Track tr = p.track();
            boolean unmatched = !p.geometry().isEmpty() && !frame.hasDetectionAtIou(m, settings.unmatchedIouThreshold());
            if (frame.matched(m)) {
                tr.keepAlive = Math.min(settings.keepAliveMax(), tr.keepAlive + 1);
            }
            if (unmatched) {
                tr.keepAlive = Math.max(settings.keepAliveMin(), tr.keepAlive - 1);
                if (tr.isYoung(frame.frameIndex, settings.confirmationDelay()) && !tr.prompted) {
                    tr.unmatchedFrames++;
                }
            }
        }

        /** At least {@code unmatched-min-frames} unmatched frames. */
        @Override
        boolean isUnconfirmed(Track track) {
            return track.unmatchedFrames >= settings.unmatchedMinFrames();
        }

        /** Keep-alive ≤ 0 (whether confirmed or not). */
        @Override
        boolean isSuppressedByScore(Track track, boolean confirmed) {
            return track.keepAlive <= 0;
        }
    }
}
