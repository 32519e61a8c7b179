package io.maskstream.operators.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.kit.reference.ReferenceModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micro-batching the detector across streams changes nothing in the output: three interleaved streams
 * with prompts give the same masklet frames, in the same order, at max batch 4 as at max batch 1.
 */
class MaskletTrackingOperatorTest {
    private static final String[] STREAMS = {"cam-a", "cam-b", "cam-c"};
    private static final String[] SCENES = {"crossing", "occlusion", "distractor"};
    private static final int FRAMES = 12;

    @TempDir
    static Path tmp;

    private static Configuration config;
    /** Frames of the three streams round robin, two prompts among them, then each stream's end. */
    private static List<Object> events;
    private static List<MaskletFrame> unbatched;

    @BeforeAll
    static void setUp() throws Exception {
        Path models = tmp.resolve("models");
        ReferenceModels.build(models);
        config = new Configuration();
        config.setString("model.dir", models.toString());
        config.setString("stream.default-concepts", "red;green;blue;yellow");
        List<SyntheticScene> scenes = new ArrayList<>();
        for (String s : SCENES) {
            scenes.add(Scenarios.create(s, SceneSettings.defaults().withFrameCount(FRAMES)));
        }
        events = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < FRAMES; i++) {
            for (int s = 0; s < STREAMS.length; s++) {
                SyntheticScene scene = scenes.get(s);
                events.add(frame(FrameRecord.frame(STREAMS[s], i, 0, 1000L + i, scene.width(), scene.height(),
                        FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)), offset++));
            }
            if (i == 4) {
                // due at cam-b's next frame: its concepts change while frames of it may be held
                events.add(prompt(PromptCommand.setConcepts("cam-b", List.of("red", "cyan"), null), offset++));
            }
            if (i == 6) {
                events.add(prompt(PromptCommand.addConcept("cam-a", "white", 9L), offset++));
            }
        }
        for (String s : STREAMS) {
            events.add(frame(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, s, FRAMES, 0, 1000L + FRAMES), offset++));
        }
        try (var h = harness(1)) {
            h.open();
            feed(h, events);
            unbatched = new ArrayList<>(h.extractOutputValues());
        }
        assertThat(unbatched).hasSize(STREAMS.length * FRAMES);
    }

    @Test
    void aBatchOfFourGivesTheOutputOfNoBatchingWithEveryStreamInOrder() throws Exception {
        try (var h = harness(4)) {
            h.open();
            feed(h, events);
            operatorOf(h).finish(); // end of input: the last held records (the streams' ends) go through
            assertThat(h.extractOutputValues()).isEqualTo(unbatched);
            assertThat(processorOf(h).timings().prefetchedDetections()).as("frames detected in a batch").isPositive();
        }
        for (String s : STREAMS) {
            assertThat(unbatched).filteredOn(f -> f.streamId().equals(s)).extracting(MaskletFrame::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        }
    }

    @Test
    void aPromptFlushesTheHeldFramesBeforeItIsHandled() throws Exception {
        try (var h = harness(4)) {
            h.open();
            h.processElement1(frameAt(0), 0);
            h.processElement1(frameAt(1), 1);
            assertThat(operatorOf(h).heldRecords()).isEqualTo(2);
            h.processElement2(new RawPromptRecord("cam-b".getBytes(StandardCharsets.UTF_8),
                    PromptCommandJson.encode(PromptCommand.setConcepts("cam-b", List.of("red"), null)), "prompts", 0, 0, 0), 0);
            assertThat(operatorOf(h).heldRecords()).isZero();
            assertThat(h.numKeyedStateEntries()).as("the held frames were processed").isPositive();
        }
    }

    @Test
    void theMaxWaitTimerFlushesAnIncompleteBatch() throws Exception {
        config.setString("stream.detector-max-wait", "50 ms");
        try (var h = harness(4)) {
            h.setProcessingTime(1_000);
            h.open();
            h.processElement1(frameAt(0), 0);
            h.processElement1(frameAt(1), 1);
            assertThat(operatorOf(h).heldRecords()).isEqualTo(2);
            assertThat(h.numKeyedStateEntries()).as("nothing processed while held").isZero();
            h.setProcessingTime(1_049);
            assertThat(operatorOf(h).heldRecords()).isEqualTo(2);
            h.setProcessingTime(1_050);
            assertThat(operatorOf(h).heldRecords()).isZero();
            assertThat(h.numKeyedStateEntries()).isPositive();
        } finally {
            config.removeConfig(StreamOptions.DETECTOR_MAX_WAIT);
        }
    }

    @Test
    void aSnapshotTakenMidBatchHoldsNothingAndRestoresToTheSameOutput() throws Exception {
        int cut = 17; // 17 records at a batch of 4: one held when the barrier comes
        List<MaskletFrame> restored = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(4)) {
            h.open();
            feed(h, events.subList(0, cut));
            assertThat(operatorOf(h).heldRecords()).isEqualTo(1);
            h.prepareSnapshotPreBarrier(1); // as the task does before the barrier goes downstream
            assertThat(operatorOf(h).heldRecords()).as("flushed before the barrier").isZero();
            snapshot = h.snapshot(1, cut);
            restored.addAll(h.extractOutputValues());
        }
        try (var h = harness(4)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, events.subList(cut, events.size()));
            operatorOf(h).finish();
            restored.addAll(h.extractOutputValues());
            assertThat(h.numKeyedStateEntries()).as("state after every stream ended").isZero();
        }
        assertThat(restored).isEqualTo(unbatched);
    }

    @Test
    void endOfInputFlushesTheHeldFrames() throws Exception {
        try (var h = harness(4)) {
            h.open();
            h.processElement1(frameAt(0), 0);
            operatorOf(h).finish();
            assertThat(operatorOf(h).heldRecords()).isZero();
            assertThat(h.numKeyedStateEntries()).isPositive();
        }
    }

    private static RawFrameRecord frameAt(int index) {
        return (RawFrameRecord) events.get(index);
    }

    private static void feed(KeyedTwoInputStreamOperatorTestHarness<String, RawFrameRecord, RawPromptRecord, MaskletFrame> h,
                             List<Object> in) throws Exception {
        for (Object e : in) {
            if (e instanceof RawFrameRecord f) {
                h.processElement1(f, f.timestamp());
            } else {
                RawPromptRecord p = (RawPromptRecord) e;
                h.processElement2(p, p.timestamp());
            }
        }
    }

    private static MaskletTrackingOperator operatorOf(
            KeyedTwoInputStreamOperatorTestHarness<String, RawFrameRecord, RawPromptRecord, MaskletFrame> h) {
        return (MaskletTrackingOperator) h.getOperator();
    }

    private static io.maskstream.operators.stream.StreamProcessor processorOf(
            KeyedTwoInputStreamOperatorTestHarness<String, RawFrameRecord, RawPromptRecord, MaskletFrame> h) {
        return operatorOf(h).function().processor();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, RawFrameRecord, RawPromptRecord, MaskletFrame> harness(
            int maxBatch) throws Exception {
        Configuration c = new Configuration(config);
        c.set(StreamOptions.DETECTOR_MAX_BATCH, maxBatch);
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new MaskletTrackingOperator(c),
                r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                Types.STRING);
    }

    private static RawFrameRecord frame(FrameRecord r, long offset) {
        return new RawFrameRecord(r.streamId().getBytes(StandardCharsets.UTF_8), FrameRecordCodec.encode(r), "frames",
                0, offset, r.captureTime());
    }

    private static RawPromptRecord prompt(PromptCommand p, long offset) {
        return new RawPromptRecord(p.streamId().getBytes(StandardCharsets.UTF_8), PromptCommandJson.encode(p),
                "prompts", 0, offset, 1000L + offset);
    }
}
