package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.Scene.det;
import static io.maskstream.operators.tracking.Scene.pred;
import static io.maskstream.operators.tracking.Scene.rect;
import static io.maskstream.operators.tracking.Scene.shift;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One scenario per rule of the paper preset. Each rule has a test of the behaviour and a test that
 * the behaviour is gone when the rule's switch is off (so the first fails without the rule).
 */
class PaperRulesTest {
    static final Mask OBJECT = rect(2, 2, 10, 10);
    static final Mask FALSE_POSITIVE = rect(20, 20, 26, 26);

    // ---- unconfirmed removal: a false positive flickering for 3 frames ----

    private static Scene flickeringFalsePositive(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 40; f++) {
            List<Detection> dets = new ArrayList<>();
            dets.add(det(OBJECT, 0.9f));
            if (f >= 5 && f <= 7) {
                dets.add(det(FALSE_POSITIVE, 0.8f));
            }
            s.step(dets);
        }
        s.flush();
        return s;
    }

    @Test
    void unconfirmedRemoval_falsePositiveFlickeringForThreeFramesIsRemovedAndNeverEmitted() {
        Scene s = flickeringFalsePositive(TrackerSettings.paper());
        assertThat(s.spawnedIds()).containsExactly(1, 2);
        // MDS: +1 on frames 5, 6, 7, then −1 from frame 8: S = −1 on frame 11
        assertThat(s.decisions.get(11).removals()).containsExactly(new Removal(2, RemovalReason.UNCONFIRMED, null));
        assertThat(s.everEmitted(2)).isFalse();
        assertThat(s.everEmitted(1)).isTrue();
        assertThat(s.outputs).hasSize(40);
    }

    @Test
    void unconfirmedRemoval_switchedOff_theFalsePositiveIsEmitted() {
        Scene s = flickeringFalsePositive(TrackerSettings.paper().with(TrackerOptions.UNCONFIRMED_REMOVAL_ENABLED, false));
        assertThat(s.everEmitted(2)).isTrue();
    }

    // ---- suppression: a masklet that loses its detections, then recovers ----

    private static Scene lostAndFound(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 60; f++) {
            boolean detected = f < 20 || f >= 43;
            s.step(detected ? List.of(det(OBJECT, 0.9f)) : List.of());
        }
        s.flush();
        return s;
    }

    @Test
    void suppression_maskletThatLosesItsDetectionsIsSuppressedThenRecovered() {
        Scene s = lostAndFound(TrackerSettings.paper());
        // S = 20 after frame 19, −1 per frame from 20: S = −1 on frame 40; +1 from 43: S = 0 on 45
        for (long f = 0; f < 40; f++) {
            assertThat(s.object(f, 1).mask()).isEqualTo(OBJECT);
        }
        assertThat(s.object(40, 1).events()).contains("suppressed");
        for (long f = 40; f < 45; f++) {
            OutputObject o = s.object(f, 1);
            assertThat(o.mask().isEmpty()).as("frame %d", f).isTrue();
            assertThat(o.box()).isNull();
        }
        assertThat(s.object(45, 1).events()).contains("recovered");
        assertThat(s.object(45, 1).mask()).isEqualTo(OBJECT);
        assertThat(s.spawnedIds()).containsExactly(1);
        assertThat(s.decisions.get(41).suppressions()).containsExactly(new Suppression(1));
    }

    @Test
    void suppression_switchedOff_theLostMaskletKeepsItsMask() {
        Scene s = lostAndFound(TrackerSettings.paper().with(TrackerOptions.SUPPRESSION_ENABLED, false));
        assertThat(s.object(42, 1).mask()).isEqualTo(OBJECT);
    }

    // ---- duplicate removal: two masklets on one object ----

    private static Scene twoMaskletsOnOneObject(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 30; f++) {
            int frame = f;
            // on frame 3 the tracker loses masklet 1 for a moment, so the detection spawns masklet 2
            s.step(List.of(det(OBJECT, 0.9f)),
                    (id, p) -> frame == 3 && id == 1 ? pred(1, Mask.empty(Scene.SIZE, Scene.SIZE)) : p);
        }
        s.flush();
        return s;
    }

    @Test
    void duplicateRemoval_twoMaskletsOnOneObjectTheLaterOneIsRemoved() {
        Scene s = twoMaskletsOnOneObject(TrackerSettings.paper());
        assertThat(s.spawnedIds()).containsExactly(1, 2);
        // shared detection on frames 4..11: ⌈15/2⌉ = 8 frames
        assertThat(s.decisions.get(11).removals()).containsExactly(new Removal(2, RemovalReason.DUPLICATE, 1));
        assertThat(s.everEmitted(2)).isFalse();
        assertThat(s.object(3, 1)).isNotNull();
    }

    @Test
    void duplicateRemoval_switchedOff_bothMaskletsAreEmitted() {
        Scene s = twoMaskletsOnOneObject(TrackerSettings.paper().with(TrackerOptions.DUPLICATE_REMOVAL_ENABLED, false));
        assertThat(s.everEmitted(2)).isTrue();
    }

    // ---- detection-guided re-prompt: a drifting prediction ----

    static final Mask TARGET = rect(4, 4, 20, 20);

    private static Scene driftingPrediction(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 10; f++) {
            // the tracker drifts 3 px right of whatever it was conditioned on
            s.step(List.of(det(TARGET, 0.9f)), (id, p) -> pred(id, shift(p.mask(), 3, 0)));
        }
        s.flush();
        return s;
    }

    @Test
    void detectionGuidedReprompt_driftingPredictionIsRepromptedFromItsDetection() {
        Scene s = driftingPrediction(TrackerSettings.paper());
        assertThat(s.decisions.get(1).reprompts())
                .containsExactly(new Reprompt(1, 0, RepromptReason.DETECTION_GUIDED));
        assertThat(s.decisions.get(1).memoryWrites()).singleElement()
                .satisfies(w -> assertThat(w.conditioning()).isTrue());
        for (long f = 0; f < 10; f++) {
            assertThat(s.object(f, 1).mask()).as("frame %d", f).isEqualTo(TARGET);
        }
    }

    @Test
    void detectionGuidedReprompt_switchedOff_thePredictionDrifts() {
        Scene s = driftingPrediction(TrackerSettings.paper().with(TrackerOptions.DETECTION_GUIDED_REPROMPT_ENABLED, false));
        assertThat(s.decisions.get(1).reprompts()).isEmpty();
        assertThat(s.object(3, 1).mask()).isNotEqualTo(TARGET);
    }

    // ---- periodic re-prompt ----

    private static Scene slightlyOffPrediction(TrackerSettings settings) {
        Scene s = new Scene(settings);
        for (int f = 0; f < 34; f++) {
            // 1 px off: mask IoU 0.88 ≥ 0.8, box IoU 0.88 ≥ 0.85 (no detection-guided re-prompt)
            s.step(List.of(det(TARGET, 0.9f)), (id, p) -> pred(id, shift(TARGET, 1, 0)));
        }
        return s;
    }

    @Test
    void periodicReprompt_everyNthFrameAConfidentMatchReinitialisesTheMasklet() {
        Scene s = slightlyOffPrediction(TrackerSettings.paper());
        for (int f = 1; f < 34; f++) {
            List<Reprompt> expected = f % 16 == 0 ? List.of(new Reprompt(1, 0, RepromptReason.PERIODIC)) : List.of();
            assertThat(s.decisions.get(f).reprompts()).as("frame %d", f).isEqualTo(expected);
        }
        assertThat(s.tracker.memorySelection(1).conditioning()).extracting(m -> m.seq()).containsExactly(0L, 16L, 32L);
    }

    @Test
    void periodicReprompt_notWhenTheMaskletScoreIsLow() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 17; f++) {
            s.step(List.of(det(TARGET, 0.9f)),
                    (id, p) -> new io.maskstream.state.tracking.MaskletPrediction(id, shift(TARGET, 1, 0), 0.7f, 0.9f));
        }
        assertThat(s.decisions.get(16).reprompts()).isEmpty();
    }

    @Test
    void periodicReprompt_switchedOff_noReprompt() {
        Scene s = slightlyOffPrediction(TrackerSettings.paper().with(TrackerOptions.PERIODIC_REPROMPT_ENABLED, false));
        assertThat(s.decisions.stream().flatMap(d -> d.reprompts().stream())).isEmpty();
    }

    // ---- spawn: an object entering at the border ----

    private static Scene enteringAtTheBorder(TrackerSettings settings) {
        Scene s = new Scene(settings);
        float[] scores = {0.55f, 0.62f, 0.68f, 0.75f, 0.85f, 0.9f, 0.9f, 0.9f};
        for (int f = 0; f < 30; f++) {
            int visible = Math.min(12, 2 * (f + 1));
            s.step(List.of(det(rect(0, 10, visible, 18), scores[Math.min(f, scores.length - 1)])));
        }
        s.flush();
        return s;
    }

    @Test
    void spawn_objectEnteringAtTheBorderStartsOnceItsScoreReachesTheNewDetectionThreshold() {
        Scene s = enteringAtTheBorder(TrackerSettings.paper());
        assertThat(s.decisions.get(3).spawns()).containsExactly(new Spawn(1, 0, Scene.CONCEPT));
        assertThat(s.spawnedIds()).containsExactly(1);
        assertThat(s.object(2, 1)).isNull();
        OutputObject first = s.object(3, 1);
        assertThat(first.events()).containsExactly("started");
        assertThat(first.box().x1()).isEqualTo(0f);
        assertThat(s.object(18, 1).events()).contains("confirmed");
    }

    @Test
    void spawn_withoutTheNewDetectionThresholdTheBorderObjectStartsAtOnce() {
        Scene s = enteringAtTheBorder(TrackerSettings.paper().with(TrackerOptions.NEW_DETECTION_THRESHOLD, 0.5f));
        assertThat(s.decisions.get(0).spawns()).hasSize(1);
    }

    @Test
    void detectionScoreThreshold_detectionsBelowItAreIgnored() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.NEW_DETECTION_THRESHOLD, 0.3f));
        s.step(List.of(det(OBJECT, 0.45f)));
        assertThat(s.tracker.liveMaskletIds()).isEmpty();
    }

    // ---- confirmation delay ----

    @Test
    void confirmationDelay_outputOfFrameIsReleasedAfterTLaterFrames() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 15; f++) {
            assertThat(s.step(List.of(det(OBJECT, 0.9f))).released()).isEmpty();
        }
        assertThat(s.step(List.of(det(OBJECT, 0.9f))).released()).extracting(OutputFrame::seq).containsExactly(0L);
    }

    @Test
    void confirmationDelay_switchedOff_everyFrameIsReleasedAtOnce() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.CONFIRMATION_DELAY_ENABLED, false));
        assertThat(s.step(List.of(det(OBJECT, 0.9f))).released()).extracting(OutputFrame::seq).containsExactly(0L);
    }

    // ---- max objects ----

    @Test
    void maxObjects_newDetectionsBeyondTheCapAreNotSpawnedAndCounted() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.MAX_OBJECTS, 2));
        FrameDecisions d = s.step(List.of(det(rect(0, 0, 4, 4), 0.8f), det(rect(10, 10, 14, 14), 0.95f),
                det(rect(20, 20, 24, 24), 0.9f)));
        assertThat(d.spawns()).extracting(Spawn::detectionIndex).containsExactly(1, 2);
        assertThat(d.spawnsDroppedAtLimit()).isEqualTo(1);
        assertThat(s.tracker.state().spawnsDroppedAtLimit()).isEqualTo(1);
    }

    // ---- concepts ----

    @Test
    void concepts_aDetectionOfAnotherConceptDoesNotMatchAMasklet() {
        Scene s = new Scene(TrackerSettings.paper());
        s.step(List.of(det(OBJECT, 0.9f, "cat")));
        FrameDecisions d = s.step(List.of(det(OBJECT, 0.9f, "cat"), det(OBJECT, 0.9f, "dog")));
        assertThat(d.spawns()).containsExactly(new Spawn(2, 1, "dog"));
        s.tracker.removeConcept("cat");
        assertThat(s.tracker.liveMaskletIds()).containsExactly(2);
    }

    // ---- match: IoU above the threshold (strictly) ----

    @Test
    void match_aDetectionAtExactlyTheIouThresholdDoesNotMatchSoItStartsAMasklet() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.IOU_THRESHOLD, 0.5f));
        assertThat(s.detectWholeThenHalf().spawns()).containsExactly(new Spawn(2, 0, Scene.CONCEPT));
    }
}
