package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.Scene.det;
import static io.maskstream.operators.tracking.Scene.rect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import io.maskstream.state.tracking.MemoryFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User prompts and removals, end events, lost masklets and memory selection. */
class StreamTrackerCommandsTest {
    static final Mask OBJECT = rect(2, 2, 10, 10);

    @Test
    void promptedMasklet_startsConfirmedOnTheLastProcessedFrameAndIsNeverRemovedByDetectorRules() {
        Scene s = new Scene(TrackerSettings.paper());
        s.step(List.of());
        int id = s.tracker.addPromptedMasklet(0, OBJECT, "user-box");
        assertThat(id).isEqualTo(1);
        s.lastMemoryMask.put(id, OBJECT); // the model layer conditions on the prompt's mask
        for (int f = 1; f < 40; f++) {
            s.step(List.of());
        }
        s.flush();
        assertThat(s.object(0, 1).events()).containsExactly("started", "confirmed");
        assertThat(s.object(30, 1).mask()).isEqualTo(OBJECT);
        assertThat(s.object(39, 1).events()).containsExactly("ended");
        assertThatThrownBy(() -> s.tracker.addPromptedMasklet(3, OBJECT, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refineMasklet_keepsTheIdAndMakesThePromptMaskTheOutputAndAConditioningMemoryOfThatFrame() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 3; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        Mask corrected = rect(2, 2, 14, 12);
        s.tracker.refineMasklet(1, 2, corrected);
        s.lastMemoryMask.put(1, corrected);
        assertThat(s.tracker.liveMaskletIds()).containsExactly(1);
        assertThat(s.tracker.memorySelection(1).conditioning()).extracting(MemoryFrame::seq).containsExactly(0L, 2L);
        assertThat(s.tracker.memorySelection(1).recent()).extracting(MemoryFrame::seq).containsExactly(1L);
        for (int f = 3; f < 40; f++) {
            s.step(List.of()); // no detection matches any more: a prompted masklet is kept regardless
        }
        s.flush();
        assertThat(s.object(2, 1).mask()).isEqualTo(corrected);
        assertThat(s.object(2, 1).score()).isEqualTo(1f);
        assertThat(s.object(2, 1).events()).containsExactly("confirmed");
        assertThat(s.object(39, 1).mask()).isEqualTo(corrected);
        assertThat(s.spawnedIds()).containsExactly(1);
        assertThatThrownBy(() -> s.tracker.refineMasklet(7, 39, corrected)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tracker.refineMasklet(1, 38, corrected)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeMasklet_aMaskletDownstreamHasSeenEndsOnItsLastPendingFrame() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 20; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        s.tracker.removeMasklet(1);
        assertThat(s.tracker.liveMaskletIds()).isEmpty();
        s.flush();
        assertThat(s.object(19, 1).events()).containsExactly("ended");
    }

    @Test
    void removeMasklet_aMaskletNobodySawVanishesFromPendingOutput() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 5; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        s.tracker.removeMasklet(1);
        s.flush();
        assertThat(s.everEmitted(1)).isFalse();
    }

    @Test
    void removeMasklet_withoutDelayTheEndComesAsAnEmptyEntryOnTheNextFrame() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.CONFIRMATION_DELAY_ENABLED, false));
        s.step(List.of(det(OBJECT, 0.9f)));
        s.tracker.removeMasklet(1);
        FrameDecisions d = s.step(List.of());
        assertThat(d.released()).singleElement().satisfies(f -> {
            assertThat(f.objects()).singleElement().satisfies(o -> {
                assertThat(o.events()).containsExactly("ended");
                assertThat(o.mask().isEmpty()).isTrue();
            });
        });
    }

    @Test
    void lostRemoval_aMaskletUnmatchedForMaxLostFramesEnds() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.MAX_LOST_FRAMES, 40));
        for (int f = 0; f < 20; f++) {
            s.step(List.of(det(OBJECT, 0.9f)));
        }
        for (int f = 20; f < 70; f++) {
            s.step(List.of());
        }
        assertThat(s.decisions.get(59).removals()).containsExactly(new Removal(1, RemovalReason.LOST, null));
        s.flush();
        assertThat(s.object(58, 1).events()).contains("ended");
        assertThat(s.object(59, 1)).isNull();
    }

    @Test
    void memorySelection_boundedConditioningRecentAndPointerFrames() {
        Scene s = new Scene(TrackerSettings.paper().with(TrackerOptions.REPROMPT_PERIOD, 2));
        Mask target = rect(4, 4, 20, 20);
        for (int f = 0; f < 40; f++) {
            s.step(List.of(det(target, 0.9f)), (id, p) -> Scene.pred(id, Scene.shift(target, 1, 0)));
        }
        MemorySelection sel = s.tracker.memorySelection(1);
        // periodic re-prompts on every even frame: the latest 4 of them are in attention
        assertThat(sel.conditioning()).extracting(MemoryFrame::seq).containsExactly(32L, 34L, 36L, 38L);
        assertThat(sel.recent()).extracting(MemoryFrame::seq).containsExactly(29L, 31L, 33L, 35L, 37L, 39L);
        assertThat(sel.pointers()).hasSize(4 + 15);
        // only frames that can come back into attention are kept: conditioning + the recent tail
        assertThat(s.tracker.referencedFrames()).containsExactly(29L, 31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L);
        assertThat(s.tracker.referencedFrames().size()).isLessThanOrEqualTo(s.tracker.storedFramesBound());
    }

    @Test
    void memorySelection_aFrameWithLowEffectiveScoreOnlyStaysAsThePreviousFrame() {
        Scene s = new Scene(TrackerSettings.paper());
        s.step(List.of(det(OBJECT, 0.9f)));
        s.step(List.of(det(OBJECT, 0.9f)));
        s.step(List.of(det(OBJECT, 0.9f)), (id, p) -> new MaskletPrediction(id, OBJECT, 0.05f, 0.1f));
        assertThat(s.tracker.memorySelection(1).recent()).extracting(MemoryFrame::seq).containsExactly(1L, 2L);
        s.step(List.of(det(OBJECT, 0.9f)));
        assertThat(s.tracker.memorySelection(1).recent()).extracting(MemoryFrame::seq).containsExactly(1L, 3L);
        assertThat(s.tracker.memorySelection(1).conditioning()).extracting(MemoryFrame::seq).containsExactly(0L);
        assertThat(s.tracker.referencedFrames()).containsExactly(0L, 1L, 3L);
    }
}
