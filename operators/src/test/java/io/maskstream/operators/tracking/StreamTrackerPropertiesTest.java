package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.Scene.det;
import static io.maskstream.operators.tracking.Scene.rect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletState;
import io.maskstream.state.tracking.MemoryFrame;
import io.maskstream.state.tracking.StreamTrackerState;
import io.maskstream.state.tracking.StreamTrackerStateSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StreamTrackerPropertiesTest {

    private static Scene run(TrackerSettings settings, long seed, int frames) {
        ChurnScene world = new ChurnScene(seed);
        Scene s = new Scene(settings);
        for (int f = 0; f < frames; f++) {
            s.step(world.nextFrame());
        }
        s.flush();
        return s;
    }

    @Test
    void determinism_sameInputsGiveIdenticalDecisionsAndOutputs() {
        for (TrackerSettings settings : List.of(TrackerSettings.paper(), TrackerSettings.sam3Release())) {
            Scene a = run(settings, 42, 600);
            Scene b = run(settings, 42, 600);
            assertThat(a.decisions).isEqualTo(b.decisions);
            assertThat(a.outputs).isEqualTo(b.outputs);
            assertThat(a.spawnedIds()).hasSizeGreaterThan(5);
        }
    }

    @Test
    void outputOrder_everyFrameIsEmittedOnceInOrderAfterExactlyTLaterFramesOrAtFlush() {
        TrackerSettings settings = TrackerSettings.paper();
        ChurnScene world = new ChurnScene(7);
        Scene s = new Scene(settings);
        int frames = 300;
        for (int f = 0; f < frames; f++) {
            FrameDecisions d = s.step(world.nextFrame());
            long expected = f - settings.confirmationDelay();
            assertThat(d.released()).extracting(OutputFrame::seq)
                    .isEqualTo(expected >= 0 ? List.of(expected) : List.of());
        }
        List<OutputFrame> rest = s.flush();
        assertThat(rest).extracting(OutputFrame::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(frames - 15, frames).boxed().toList());
        assertThat(s.outputs).extracting(OutputFrame::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, frames).boxed().toList());
        for (OutputFrame f : s.outputs) {
            List<Integer> ids = f.objects().stream().map(OutputObject::maskletId).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void outputOrder_gapsInSeqDoNotShortenTheDelay() {
        Scene s = new Scene(TrackerSettings.paper());
        for (int f = 0; f < 15; f++) {
            s.nextSeq = f * 10L;
            assertThat(s.step(List.of(det(rect(2, 2, 8, 8), 0.9f))).released()).isEmpty();
        }
        assertThat(s.step(List.of()).released()).extracting(OutputFrame::seq).containsExactly(0L);
    }

    @Test
    void idUniqueness_idsStartAtOneAndAreNeverReused() {
        Scene s = run(TrackerSettings.paper(), 3, 2000);
        List<Integer> ids = s.spawnedIds();
        assertThat(ids.get(0)).isEqualTo(1);
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        s.tracker.processFrame(s.nextSeq++, List.of(det(rect(2, 2, 8, 8), 0.9f)), List.of());
        int prompted = s.tracker.addPromptedMasklet(s.nextSeq - 1, rect(20, 20, 25, 25), "user");
        assertThat(prompted).isGreaterThan(ids.get(ids.size() - 1) + 1);
    }

    @Test
    void stateBounded_tenThousandFramesWithChurnKeepStateSmall() throws IOException {
        TrackerSettings settings = TrackerSettings.paper();
        ChurnScene world = new ChurnScene(11);
        Scene s = new Scene(settings);
        int maxBytes = 0;
        for (int f = 0; f < 10_000; f++) {
            s.step(world.nextFrame());
            if (f % 50 == 0) {
                StreamTrackerState st = s.tracker.state();
                maxBytes = Math.max(maxBytes, serialize(st).length);
                assertThat(st.pendingFrames()).hasSizeLessThanOrEqualTo(settings.confirmationDelay());
                assertThat(st.masklets()).hasSizeLessThanOrEqualTo(settings.maxObjects());
                for (MaskletState m : st.masklets()) {
                    assertThat(m.conditioningMemory()).hasSizeLessThanOrEqualTo(settings.maxConditioningFrames());
                    assertThat(m.recentMemory()).hasSizeLessThanOrEqualTo(settings.maxObjectPointers() - 1);
                    assertThat(m.duplicateCounts().size()).isLessThanOrEqualTo(st.masklets().size());
                }
                assertThat(s.tracker.referencedFrames().size()).isLessThanOrEqualTo(
                        st.masklets().size() * (settings.maxConditioningFrames() + settings.memoryFrames()));
            }
        }
        assertThat(s.spawnedIds()).hasSizeGreaterThan(200);
        assertThat(maxBytes).isLessThan(256 * 1024);
        System.out.println("max serialized tracker state over 10000 frames: " + maxBytes + " bytes");
    }

    @Test
    void restore_continuingFromASerializedSnapshotGivesTheSameOutputAsRunningThrough() throws IOException {
        for (TrackerSettings settings : List.of(TrackerSettings.paper(), TrackerSettings.sam3Release())) {
            Scene through = run(settings, 5, 400);

            ChurnScene world = new ChurnScene(5);
            Scene first = new Scene(settings);
            for (int f = 0; f < 173; f++) {
                first.step(world.nextFrame());
            }
            byte[] bytes = serialize(first.tracker.state());
            StreamTrackerState restored = StreamTrackerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
            StreamTracker tracker = StreamTracker.restore(settings, restored);
            // the snapshot is taken mid-scene: the restored tracker resumes masklets, not an empty scene
            assertThat(tracker.liveMaskletIds()).isNotEmpty().isEqualTo(first.tracker.liveMaskletIds());
            Scene resumed = new Scene(tracker, 173);
            for (int id : tracker.liveMaskletIds()) {
                // the model layer rebuilds its memory from the frames and masks the tracker kept
                Mask latest = latestNonEmpty(tracker.memorySelection(id));
                if (latest != null) {
                    resumed.lastMemoryMask.put(id, latest);
                }
            }
            for (int f = 173; f < 400; f++) {
                resumed.step(world.nextFrame());
            }
            resumed.flush();
            List<OutputFrame> combined = new ArrayList<>(first.outputs);
            combined.addAll(resumed.outputs);
            assertThat(combined).isEqualTo(through.outputs);
            assertThat(resumed.decisions).isEqualTo(through.decisions.subList(173, 400));
        }
    }

    private static Mask latestNonEmpty(MemorySelection sel) {
        MemoryFrame best = null;
        List<MemoryFrame> all = new ArrayList<>(sel.conditioning());
        all.addAll(sel.recent());
        for (MemoryFrame f : all) {
            if (f.mask().area() > 0 && (best == null || f.seq() > best.seq())) {
                best = f;
            }
        }
        return best == null ? null : best.mask().decode();
    }

    @Test
    void predictions_mustCoverExactlyTheLiveMasklets() {
        StreamTracker t = new StreamTracker(TrackerSettings.paper());
        t.processFrame(0, List.of(det(rect(2, 2, 8, 8), 0.9f)), List.of());
        assertThatThrownBy(() -> t.processFrame(1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no prediction for live masklet 1");
        assertThatThrownBy(() -> t.processFrame(1, List.of(), List.of(Scene.pred(1, rect(2, 2, 8, 8)), Scene.pred(7, rect(2, 2, 8, 8)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
        assertThatThrownBy(() -> t.processFrame(0, List.of(), List.of(Scene.pred(1, rect(2, 2, 8, 8)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not after");
    }

    static byte[] serialize(StreamTrackerState st) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        StreamTrackerStateSerializer.INSTANCE.serialize(st, out);
        return out.getCopyOfBuffer();
    }
}
