package io.maskstream.pipeline.bench;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.replay.ReplaySettings;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The frames every stage of the bench runs over: one grid scene per stream, rendered and JPEG-encoded
 * once (quality 90, as the replayer sends them), plus the decoded pixels for the bare loop.
 */
final class BenchInputs {
    /** Flink's default maximum parallelism for operators below 128 subtasks. */
    private static final int MAX_PARALLELISM = 128;

    final List<String> streamIds;
    /** Per stream: the JPEG frame records, seq from 0 (capture times are placeholders). */
    final List<List<FrameRecord>> records;
    /** Per stream: the pixels of each JPEG as the job decodes them. */
    final List<List<RgbImage>> decoded;
    final List<String> concepts;
    final double decodeMillisPerFrame;

    private BenchInputs(List<String> streamIds, List<List<FrameRecord>> records, List<List<RgbImage>> decoded,
                        List<String> concepts, double decodeMillisPerFrame) {
        this.streamIds = streamIds;
        this.records = records;
        this.decoded = decoded;
        this.concepts = concepts;
        this.decodeMillisPerFrame = decodeMillisPerFrame;
    }

    static BenchInputs create(BenchSettings s) throws Exception {
        List<String> ids = streamIds(s.streams(), Math.max(s.parallelism(), s.streams() > 1 ? 2 : 1));
        List<List<FrameRecord>> records = new ArrayList<>();
        List<List<RgbImage>> decoded = new ArrayList<>();
        TreeSet<String> concepts = new TreeSet<>();
        long decodeNanos = 0;
        for (int i = 0; i < s.streams(); i++) {
            SyntheticScene scene = Scenarios.grid(s.objects(), SceneSettings.defaults().withSize(s.width(), s.height())
                    .withFrameCount(s.frames()).withSeed(1000L + i));
            concepts.addAll(scene.concepts());
            List<FrameRecord> rs = new ArrayList<>();
            List<RgbImage> images = new ArrayList<>();
            for (int f = 0; f < s.frames(); f++) {
                decodeNanos += addFrame(ids.get(i), f, scene.frame(f), rs, images);
            }
            records.add(rs);
            decoded.add(images);
        }
        return new BenchInputs(ids, records, decoded, List.copyOf(concepts),
                decodeNanos / 1e6 / (s.streams() * (double) s.frames()));
    }

    /**
     * The first {@code frames} frames of a video (0: all of it) as one stream, decoded once with the replayer's
     * own video decoding and JPEG-encoded as the replayer sends them; the concepts are the coco kit's defaults.
     */
    static BenchInputs fromVideo(String source, int frames) throws Exception {
        List<String> ids = streamIds(1, 1);
        List<FrameRecord> rs = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        long decodeNanos = 0;
        try (FrameSource video = FrameSources.open(source)) {
            RgbImage image;
            while ((frames == 0 || rs.size() < frames) && (image = video.read()) != null) {
                decodeNanos += addFrame(ids.get(0), rs.size(), image, rs, images);
            }
        }
        if (rs.isEmpty()) {
            throw new IOException("no frames in " + source);
        }
        return new BenchInputs(ids, List.of(rs), List.of(images),
                List.of(CocoKitPreset.DEFAULT_CONCEPTS.split(",")), decodeNanos / 1e6 / rs.size());
    }

    /**
     * Adds frame {@code seq} as the replayer sends it (JPEG) and as the job decodes it; returns the nanoseconds
     * the decoding took.
     */
    private static long addFrame(String streamId, int seq, RgbImage frame, List<FrameRecord> records,
                                 List<RgbImage> decoded) throws Exception {
        byte[] jpeg = Images.encodeJpeg(frame, ReplaySettings.DEFAULT_JPEG_QUALITY);
        FrameRecord r = FrameRecord.frame(streamId, seq, 0, 0L, frame.width(), frame.height(), FrameEncoding.JPEG, jpeg);
        records.add(r);
        long t0 = System.nanoTime();
        decoded.add(io.maskstream.operators.stream.FrameDecoder.decode(
                new io.maskstream.operators.stream.FrameStore.EncodedFrame(r.width(), r.height(), r.encoding(),
                        r.image())));
        return System.nanoTime() - t0;
    }

    int frameCount() {
        return records.get(0).size();
    }

    /** An end-of-stream marker after the last frame of stream {@code i}. */
    FrameRecord endOfStream(int i, long captureTime) {
        return FrameRecord.marker(FrameRecordKind.END_OF_STREAM, streamIds.get(i), frameCount(), 0, captureTime);
    }

    /**
     * Stream ids that Flink's key-group hashing spreads evenly over {@code subtasks} (stream i lands on
     * subtask i mod subtasks), so that a scaling run really puts one stream on each subtask.
     */
    static List<String> streamIds(int streams, int subtasks) {
        List<String> out = new ArrayList<>();
        int candidate = 0;
        for (int i = 0; i < streams; i++) {
            while (true) {
                String id = "bench-" + candidate++;
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(id, MAX_PARALLELISM, subtasks) == i % subtasks) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }
}
