package io.maskstream.connectors.replay;

import io.maskstream.pipeline.scene.SceneSource;

import io.maskstream.state.image.Images;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.state.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FrameReplayerTest {
    /** Collects records in memory; acknowledges each at once. */
    static final class ListSink implements FrameSink {
        final List<FrameRecord> records = new ArrayList<>();

        @Override
        public synchronized void send(FrameRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public synchronized long acked() {
            return records.size();
        }
    }

    /** A scripted live source: frames, read errors (EXCEPTION) and stalls (null), then reconnects. */
    static final class ScriptedLiveSource implements FrameSource {
        static final RgbImage EXCEPTION = new RgbImage(1, 1, new byte[3]);
        final Deque<RgbImage> script;
        int reopens;
        int failingReopens;

        ScriptedLiveSource(List<RgbImage> script, int failingReopens) {
            this.script = new ArrayDeque<>(script);
            this.failingReopens = failingReopens;
        }

        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public double fps() {
            return 1000;
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public RgbImage read() throws IOException {
            if (script.isEmpty()) {
                throw new IOException("gone for good");
            }
            RgbImage next = script.poll();
            if (next == EXCEPTION) {
                throw new IOException("connection reset");
            }
            return next.width() == 2 ? null : next;
        }

        @Override
        public void reopen() throws IOException {
            reopens++;
            if (failingReopens > 0) {
                failingReopens--;
                throw new IOException("still down");
            }
            if (script.isEmpty()) {
                throw new IOException("camera gone");
            }
        }

        @Override
        public void close() {}
    }

    static RgbImage image(int w, int h) {
        return new RgbImage(w, h, new byte[w * h * 3]);
    }

    static final RgbImage STALL = image(2, 2);

    @Test
    void aSceneIsReplayedAsJpegFramesWithSeqFromZeroThenAnEndOfStreamMarker() throws IOException {
        ListSink sink = new ListSink();
        FrameSource source = new SceneSource(Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(12)));
        long[] now = {1000};
        ReplayResult result = new FrameReplayer(source, sink, ReplaySettings.of("cam").withPacing(Pacing.max()),
                ReplayProgress.NONE, () -> now[0]++).run();

        assertThat(result).isEqualTo(new ReplayResult("cam", 12, 1, 13));
        assertThat(sink.records).extracting(FrameRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
                10L, 11L, 12L);
        assertThat(sink.records.subList(0, 12)).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(FrameRecordKind.FRAME);
            assertThat(r.streamId()).isEqualTo("cam");
            assertThat(r.encoding()).isEqualTo(FrameEncoding.JPEG);
            assertThat(r.width()).isEqualTo(320);
            assertThat(r.height()).isEqualTo(240);
            assertThat(r.epoch()).isZero();
        });
        FrameRecord last = sink.records.get(12);
        assertThat(last.kind()).isEqualTo(FrameRecordKind.END_OF_STREAM);
        assertThat(sink.records).extracting(FrameRecord::captureTime).isSorted();
    }

    @Test
    void framesAreDecodableJpegsOfTheSourceImage() throws IOException {
        ListSink sink = new ListSink();
        var scene = Scenarios.create("occlusion", SceneSettings.defaults().withFrameCount(2));
        new FrameReplayer(new SceneSource(scene), sink, ReplaySettings.of("s").withPacing(Pacing.max()),
                ReplayProgress.NONE).run();
        RgbImage decoded = Images.toRgbImage(ImageIO.read(new ByteArrayInputStream(sink.records.get(1).image())));
        double diff = 0;
        for (int i = 0; i < decoded.rgb().length; i++) {
            diff += Math.abs((decoded.rgb()[i] & 0xff) - (scene.frame(1).rgb()[i] & 0xff));
        }
        assertThat(diff / decoded.rgb().length).isLessThan(8);
    }

    @Test
    void maxFramesStopsTheReplayWithAnEndOfStreamMarker() throws IOException {
        ListSink sink = new ListSink();
        FrameSource source = new SceneSource(Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(30)));
        ReplayResult r = new FrameReplayer(source, sink,
                ReplaySettings.of("cam").withPacing(Pacing.max()).withMaxFrames(5), ReplayProgress.NONE).run();
        assertThat(r.frames()).isEqualTo(5);
        assertThat(sink.records.get(5).kind()).isEqualTo(FrameRecordKind.END_OF_STREAM);
        assertThat(sink.records.get(5).seq()).isEqualTo(5);
    }

    @Test
    void aLoopedFileStartsANewEpochEachTimeItStartsAgain() throws IOException {
        ListSink sink = new ListSink();
        FrameSource source = new SceneSource(Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(3)));
        new FrameReplayer(source, sink,
                ReplaySettings.of("cam").withPacing(Pacing.max()).withLoop(true).withMaxFrames(7), ReplayProgress.NONE)
                .run();
        assertThat(sink.records).extracting(FrameRecord::kind).containsExactly(
                FrameRecordKind.FRAME, FrameRecordKind.FRAME, FrameRecordKind.FRAME, FrameRecordKind.STREAM_EPOCH,
                FrameRecordKind.FRAME, FrameRecordKind.FRAME, FrameRecordKind.FRAME, FrameRecordKind.STREAM_EPOCH,
                FrameRecordKind.FRAME, FrameRecordKind.END_OF_STREAM);
        assertThat(sink.records).extracting(FrameRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sink.records).extracting(FrameRecord::epoch).containsExactly(0, 0, 0, 1, 1, 1, 1, 2, 2, 2);
    }

    @Test
    void aLiveSourceThatFailsIsReconnectedWithBackoffAsANewEpoch() throws IOException {
        ListSink sink = new ListSink();
        ScriptedLiveSource source = new ScriptedLiveSource(
                List.of(image(8, 8), image(8, 8), ScriptedLiveSource.EXCEPTION, image(8, 8), STALL, image(8, 8)), 2);
        ReplaySettings settings = ReplaySettings.of("cam").withPacing(Pacing.max())
                .withReconnect(Duration.ofMillis(1), Duration.ofMillis(4), 3);
        ReplayResult r = new FrameReplayer(source, sink, settings, ReplayProgress.NONE).run();

        assertThat(sink.records).extracting(FrameRecord::kind).containsExactly(
                FrameRecordKind.FRAME, FrameRecordKind.FRAME, FrameRecordKind.STREAM_EPOCH, FrameRecordKind.FRAME,
                FrameRecordKind.STREAM_EPOCH, FrameRecordKind.FRAME, FrameRecordKind.END_OF_STREAM);
        assertThat(sink.records).extracting(FrameRecord::epoch).containsExactly(0, 0, 1, 1, 2, 2, 2);
        assertThat(sink.records).extracting(FrameRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(source.reopens).as("2 failed + 2 successful + final failing attempts").isEqualTo(2 + 2 + 3);
        assertThat(r.frames()).isEqualTo(4);
        assertThat(r.markers()).isEqualTo(3);
    }

    @Test
    void aResolutionChangeStartsANewEpoch() throws IOException {
        ListSink sink = new ListSink();
        ScriptedLiveSource source = new ScriptedLiveSource(List.of(image(8, 8), image(16, 8), image(16, 8)), 0);
        new FrameReplayer(source, sink, ReplaySettings.of("cam").withPacing(Pacing.max())
                .withReconnect(Duration.ofMillis(1), Duration.ofMillis(1), 1), ReplayProgress.NONE).run();
        assertThat(sink.records).extracting(FrameRecord::kind).containsExactly(
                FrameRecordKind.FRAME, FrameRecordKind.STREAM_EPOCH, FrameRecordKind.FRAME, FrameRecordKind.FRAME,
                FrameRecordKind.END_OF_STREAM);
        assertThat(sink.records.get(2).width()).isEqualTo(16);
        assertThat(sink.records.get(2).epoch()).isEqualTo(1);
    }

    @Test
    void nativePacingFollowsTheSourceFrameRate() throws IOException {
        ListSink sink = new ListSink();
        FrameSource source = new SceneSource(Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(10)));
        long start = System.nanoTime();
        new FrameReplayer(source, sink, ReplaySettings.of("cam"), ReplayProgress.NONE).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("10 frames at 30 fps take at least 9/30 s").isGreaterThanOrEqualTo(0.29);
    }

    @Test
    void sourceSpecsOpenScenesWithOptions() throws IOException {
        try (FrameSource s = FrameSources.open("scene:crowd?frames=5&size=160x120&seed=3")) {
            int n = 0;
            for (RgbImage img = s.read(); img != null; img = s.read()) {
                assertThat(img.width()).isEqualTo(160);
                n++;
            }
            assertThat(n).isEqualTo(5);
            assertThat(s.fps()).isEqualTo(30.0);
        }
    }

    @Test
    void pacingParsesNativeMaxAndNumbers() {
        assertThat(Pacing.parse("native")).isEqualTo(Pacing.nativeRate());
        assertThat(Pacing.parse("MAX")).isEqualTo(Pacing.max());
        assertThat(Pacing.parse("12.5").effectiveFps(30)).isEqualTo(12.5);
        assertThat(Pacing.nativeRate().effectiveFps(Double.NaN)).isEqualTo(Pacing.FALLBACK_FPS);
    }
}
