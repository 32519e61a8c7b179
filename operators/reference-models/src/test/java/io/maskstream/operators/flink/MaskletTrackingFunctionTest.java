package io.maskstream.operators.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
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
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskletTrackingFunctionTest {
    private static final String STREAM = "cam-1";
    private static final int FRAMES = 30;

    @TempDir
    static Path tmp;

    private static Configuration config;
    private static List<RawFrameRecord> records;

    @BeforeAll
    static void setUp() throws Exception {
        Path models = tmp.resolve("models");
        ReferenceModels.build(models);
        config = new Configuration();
        config.setString("model.dir", models.toString());
        config.setString("stream.default-concepts", "red;green;blue;yellow");
        SyntheticScene scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
        records = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            records.add(raw(FrameRecord.frame(STREAM, i, 0, 1000L + i, scene.width(), scene.height(),
                    FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)), i));
        }
        records.add(raw(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, STREAM, FRAMES, 0, 1000L + FRAMES), FRAMES));
    }

    @Test
    void confirmationDelayHoldsTheLastFramesUntilEndOfStream() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < FRAMES; i++) {
                h.processElement1(records.get(i), i);
            }
            int delay = 15;
            assertThat(h.extractOutputValues()).hasSize(FRAMES - delay);
            h.processElement1(records.get(FRAMES), FRAMES);
            assertThat(h.extractOutputValues()).extracting(MaskletFrame::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        }
    }

    @Test
    void stateIsWrittenRestoredFromASnapshotAndGoneAfterEndOfStream() throws Exception {
        List<MaskletFrame> uninterrupted = new ArrayList<>();
        try (var h = harness()) {
            h.open();
            for (RawFrameRecord r : records) {
                h.processElement1(r, r.offset());
            }
            uninterrupted.addAll(h.extractOutputValues());
            assertThat(h.numKeyedStateEntries()).as("state after end of stream").isZero();
        }

        List<MaskletFrame> restored = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 20; i++) {
                h.processElement1(records.get(i), i);
            }
            assertThat(h.numKeyedStateEntries()).as("state while the stream runs").isPositive();
            snapshot = h.snapshot(1, 20);
            restored.addAll(h.extractOutputValues());
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (int i = 20; i < records.size(); i++) {
                h.processElement1(records.get(i), i);
            }
            restored.addAll(h.extractOutputValues());
            assertThat(h.numKeyedStateEntries()).as("state after end of stream").isZero();
        }
        assertThat(restored).isEqualTo(uninterrupted);
    }

    @Test
    void aStreamEndIsAnnouncedOnceAtItsEndOfStreamMarker() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < FRAMES; i++) {
                h.processElement1(records.get(i), i);
            }
            assertThat(h.getSideOutput(MaskletTrackingFunction.STREAM_ENDS)).isNullOrEmpty();
            h.processElement1(records.get(FRAMES), FRAMES);
            assertThat(h.getSideOutput(MaskletTrackingFunction.STREAM_ENDS)).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isEqualTo(STREAM));
        }
    }

    @Test
    void anIdleStreamsCloseIsAnnouncedAsItsEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(records.get(0), 0);
            h.setProcessingTime(Long.MAX_VALUE / 2);
            assertThat(h.getSideOutput(MaskletTrackingFunction.STREAM_ENDS)).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isEqualTo(STREAM));
        }
    }

    @Test
    void aRecordWithoutKeyGoesToTheDeadLetters() throws Exception {
        try (var h = harness()) {
            h.open();
            RawFrameRecord r = records.get(0);
            h.processElement1(new RawFrameRecord(null, r.value(), r.topic(), 0, 99, 0), 0);
            assertThat(h.getSideOutput(MaskletTrackingFunction.DEAD_LETTERS)).singleElement()
                    .satisfies(d -> assertThat(d.getValue().reason()).isEqualTo("bad-stream-id"));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, RawFrameRecord, RawPromptRecord, MaskletFrame> harness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new MaskletTrackingFunction(config)),
                r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                Types.STRING);
    }

    private static RawFrameRecord raw(FrameRecord r, long offset) {
        return new RawFrameRecord(STREAM.getBytes(StandardCharsets.UTF_8), FrameRecordCodec.encode(r), "frames", 0,
                offset, r.captureTime());
    }
}
