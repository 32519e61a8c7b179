package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.Scene.det;
import static io.maskstream.operators.tracking.Scene.pred;
import static io.maskstream.operators.tracking.Scene.rect;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sam3-release preset: hotstart removal, keep-alive, duplicate removal, overlap suppression; each with its switched-off twin. */
class Sam3ReleaseRulesTest {
    static final Mask OBJECT = rect(2, 2, 10, 10);
    static final Mask GHOST = rect(20, 20, 26, 26);

    private static MaskletState masklet(Scene s, int id) {
        return s.tracker.state().masklets().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    private static Scene ghostDetectedOnFrames(TrackerSettings settings, int from, int to, int frames) {
        Scene s = new Scene(settings);
        for (int f = 0; f < frames; f++) {
            List<Detection> dets = new ArrayList<>();
            dets.add(det(OBJECT, 0.9f));
            if (f >= from && f <= to) {
                dets.add(det(GHOST, 0.8f));
            }
            s.step(dets);
        }
        return s;
    }

    @Test
    void hotstartRemoval_youngMaskletUnmatchedOnEightFramesIsRemovedAndNeverEmitted() {
        // ghost detected on frames 2..4, its prediction stays: unmatched on frames 5..12
        Scene s = ghostDetectedOnFrames(TrackerSettings.sam3Release(), 2, 4, 30);
        s.flush();
        assertThat(s.decisions.get(11).removals()).isEmpty();
        assertThat(s.decisions.get(12).removals()).containsExactly(new Removal(2, RemovalReason.UNCONFIRMED, null));
        assertThat(s.everEmitted(2)).isFalse();
    }

    @Test
    void hotstartRemoval_notAfterTheHotstartWindow() {
        // ghost detected on frames 0..14 (its whole hotstart window), then lost for good
        Scene s = ghostDetectedOnFrames(TrackerSettings.sam3Release(), 0, 14, 40);
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1, 2);
        assertThat(masklet(s, 2).confirmed()).isTrue();
    }

    @Test
    void hotstartRemoval_switchedOff_theUnmatchedMaskletStays() {
        Scene s = ghostDetectedOnFrames(
                TrackerSettings.sam3Release().with(TrackerOptions.UNCONFIRMED_REMOVAL_ENABLED, false), 2, 4, 30);
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1, 2);
    }

    @Test
    void keepAlive_startsAtThirtyCapsAtThirtyAndFallsByOnePerUnmatchedFrameToMinusOne() {
        Scene s = ghostDetectedOnFrames(TrackerSettings.sam3Release(), 0, 19, 20);
        assertThat(masklet(s, 2).keepAlive()).isEqualTo(30);
        for (int f = 0; f < 10; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        assertThat(masklet(s, 2).keepAlive()).isEqualTo(20);
        for (int f = 0; f < 40; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        assertThat(masklet(s, 2).keepAlive()).isEqualTo(-1);
        s.step(List.of(det(OBJECT, 0.9f), det(GHOST, 0.9f)));
        assertThat(masklet(s, 2).keepAlive()).isZero();
        // as shipped, keep-alive never suppresses (suppress_unmatched_only_within_hotstart)
        assertThat(s.decisions.stream().flatMap(d -> d.suppressions().stream())).isEmpty();
    }

    /** The ghost matched on frames 0..19, then unmatched for 30 frames: its keep-alive falls from 30 to 0. */
    private static Scene ghostUnmatchedForThirtyFrames(TrackerSettings settings) {
        Scene s = ghostDetectedOnFrames(settings, 0, 19, 20);
        for (int f = 0; f < 30; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        return s;
    }

    @Test
    void keepAlive_whenSuppressionIsOnAMaskletAtZeroIsSuppressed() {
        Scene s = ghostUnmatchedForThirtyFrames(TrackerSettings.sam3Release().with(TrackerOptions.SUPPRESSION_ENABLED, true));
        // 30 − 30 = 0 after 30 unmatched frames
        assertThat(s.decisions.get(48).suppressions()).isEmpty();
        assertThat(s.decisions.get(49).suppressions()).containsExactly(new Suppression(2));
    }

    @Test
    void keepAlive_switchedOff_aMaskletAtZeroIsNotSuppressed() {
        Scene s = ghostUnmatchedForThirtyFrames(TrackerSettings.sam3Release().with(TrackerOptions.SUPPRESSION_ENABLED, false));
        assertThat(masklet(s, 2).keepAlive()).isZero();
        assertThat(s.decisions.get(49).suppressions()).isEmpty();
    }

    /** Masklet 1's prediction is empty on frame 3, so that frame's detection of the object starts masklet 2 on it. */
    private static Scene objectReDetectedWhileItsMaskletIsEmpty(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 20; f++) {
            int frame = f;
            s.step(List.of(det(OBJECT, 0.9f)),
                    (id, p) -> frame == 3 && id == 1 ? pred(1, Mask.empty(Scene.SIZE, Scene.SIZE)) : p);
        }
        return s;
    }

    @Test
    void duplicateRemoval_youngMaskletSharingADetectionOnEightFramesIsRemoved() {
        Scene s = objectReDetectedWhileItsMaskletIsEmpty(TrackerSettings.sam3Release());
        assertThat(s.decisions.get(11).removals()).containsExactly(new Removal(2, RemovalReason.DUPLICATE, 1));
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1);
    }

    @Test
    void duplicateRemoval_switchedOff_bothMaskletsStay() {
        Scene s = objectReDetectedWhileItsMaskletIsEmpty(
                TrackerSettings.sam3Release().with(TrackerOptions.DUPLICATE_REMOVAL_ENABLED, false));
        assertThat(s.decisions.stream().flatMap(d -> d.removals().stream())).isEmpty();
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1, 2);
    }

    @Test
    void overlapSuppression_theMoreRecentlyOccludedOfTwoOverlappingMaskletsIsEmptied() {
        Mask a = rect(2, 2, 12, 12);
        Mask b = rect(20, 2, 30, 12);
        Scene s = new Scene(TrackerSettings.sam3Release());
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)));
        // masklet 1 is occluded (empty) on frame 1, masklet 2 on frame 2
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)), (id, p) -> id == 1 ? pred(1, Mask.empty(32, 32)) : p);
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)), (id, p) -> id == 2 ? pred(2, Mask.empty(32, 32)) : p);
        // frame 3: both predictions land on the same place
        FrameDecisions d = s.step(List.of(det(a, 0.9f)), (id, p) -> pred(id, a));
        assertThat(d.suppressions()).containsExactly(new Suppression(2));
        assertThat(d.memoryWrites()).filteredOn(w -> w.maskletId() == 2).singleElement()
                .satisfies(w -> assertThat(w.mask().isEmpty()).isTrue());
    }

    @Test
    void overlapSuppression_switchedOff_bothKeepTheirMasks() {
        Mask a = rect(2, 2, 12, 12);
        Mask b = rect(20, 2, 30, 12);
        Scene s = new Scene(TrackerSettings.sam3Release().with(TrackerOptions.OVERLAP_SUPPRESSION_ENABLED, false));
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)));
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)), (id, p) -> id == 1 ? pred(1, Mask.empty(32, 32)) : p);
        s.step(List.of(det(a, 0.9f), det(b, 0.9f)), (id, p) -> id == 2 ? pred(2, Mask.empty(32, 32)) : p);
        FrameDecisions d = s.step(List.of(det(a, 0.9f)), (id, p) -> pred(id, a));
        assertThat(d.suppressions()).isEmpty();
    }

    @Test
    void release_outputOfFrameIsReleasedAfterFourteenLaterFrames() {
        Scene s = new Scene(TrackerSettings.sam3Release());
        for (int f = 0; f < 14; f++) {
            assertThat(s.step(List.of(det(OBJECT, 0.9f))).released()).isEmpty();
        }
        assertThat(s.step(List.of(det(OBJECT, 0.9f))).released()).extracting(OutputFrame::seq).containsExactly(0L);
    }

    @Test
    void match_aDetectionAtExactlyTheIouThresholdMatchesSoItStartsNoMasklet() {
        Scene s = new Scene(TrackerSettings.sam3Release().with(TrackerOptions.IOU_THRESHOLD, 0.5f));
        assertThat(s.detectWholeThenHalf().spawns()).isEmpty();
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1);
    }
}
