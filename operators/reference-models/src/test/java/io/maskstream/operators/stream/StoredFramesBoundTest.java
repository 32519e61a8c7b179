package io.maskstream.operators.stream;

import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.kit.reference.ReferenceKit;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.tracking.MaskletState;
import io.maskstream.state.tracking.MemoryFrame;
import io.maskstream.state.tracking.StreamTrackerState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The stored frame bytes (which dominate a stream's durable state) are bounded by the memory
 * layout, not by how long an epoch runs: over a long scene in which objects enter and leave (so
 * masklets whose object has gone stay live, up to {@code max-lost-frames}, with their memory frozen
 * on old frames), a stream keeps only frames some live masklet can still attend to.
 */
class StoredFramesBoundTest {
    private static final int FRAMES = 300;

    @Test
    void storedFramesAreOnlyThoseALiveMaskletCanAttendTo_andAtMostTheMemoryLayoutBound() throws Exception {
        SyntheticScene scene = Scenarios.create("enter-leave", SceneSettings.defaults().withFrameCount(FRAMES));
        Configuration conf = new Configuration();
        TrackerSettings settings = TrackerOptions.from(conf);
        int perMasklet = settings.maxConditioningFrames() + settings.memoryFrames();
        int maxStored = 0;
        int maxMasklets = 0;
        try (ModelKit models = ReferenceKit.open(InferenceOptions.settings(conf))) {
            LocalStreamRunner runner = new LocalStreamRunner(
                    scene.name(), new StreamProcessor(models, settings), settings, scene.concepts());
            List<MaskletFrame> out = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                runner.process(FrameRecord.frame(scene.name(), i, 0, 1_700_000_000_000L + i * 33L, scene.width(),
                        scene.height(), FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)), out::add);
                StreamTrackerState tracker = runner.trackerState();
                List<Long> stored = runner.storedFrameSeqs();
                assertThat(stored).as("frame %d", i).isSubsetOf(attendable(tracker, settings));
                assertThat(stored.size()).as("frame %d", i)
                        .isLessThanOrEqualTo(tracker.masklets().size() * perMasklet);
                maxStored = Math.max(maxStored, stored.size());
                maxMasklets = Math.max(maxMasklets, tracker.masklets().size());
            }
            assertThat(out).isNotEmpty();
        }
        // the scene does leave masklets behind whose objects are gone, so the bound is exercised
        assertThat(maxMasklets).isGreaterThanOrEqualTo(3);
        assertThat(maxStored).isGreaterThan(perMasklet);
    }

    /** Per masklet: conditioning frames, the last memory-frames − 1 recent frames, the previous frame. */
    private static TreeSet<Long> attendable(StreamTrackerState tracker, TrackerSettings settings) {
        TreeSet<Long> out = new TreeSet<>();
        for (MaskletState m : tracker.masklets()) {
            m.conditioningMemory().forEach(f -> out.add(f.seq()));
            List<MemoryFrame> recent = m.recentMemory();
            recent.subList(Math.max(0, recent.size() - (settings.memoryFrames() - 1)), recent.size())
                    .forEach(f -> out.add(f.seq()));
            if (m.previousFrame() != null) {
                out.add(m.previousFrame().seq());
            }
        }
        return out;
    }
}
