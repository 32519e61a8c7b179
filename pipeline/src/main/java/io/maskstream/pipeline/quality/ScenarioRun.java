package io.maskstream.pipeline.quality;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.eval.MetricsReport;
import io.maskstream.pipeline.eval.TrackingMetrics;
import io.maskstream.pipeline.eval.TrackingSequences;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Runs the tracker over one synthetic scene exactly as the job would (JPEG frame records through a
 * {@link LocalStreamRunner}, default concepts = the scene's concepts, then an end-of-stream marker)
 * and scores the output against the scene's ground truth.
 */
public final class ScenarioRun {
    /** The base of the capture times of the records (as the job tests use). */
    private static final long EPOCH_MS = 1_700_000_000_000L;
    /** JPEG quality of the frame records, as the replay tool encodes them. */
    public static final int JPEG_QUALITY = 90;

    private ScenarioRun() {}

    /** What one run gave: the emitted masklet frames and their score against the ground truth. */
    public record Outcome(List<MaskletFrame> masklets, MetricsReport report, double seconds) {}

    /** The scene's frames as JPEG frame records, seq from 0, then an end-of-stream marker. */
    public static List<FrameRecord> records(SyntheticScene scene, String streamId) {
        List<FrameRecord> out = new ArrayList<>(scene.frameCount() + 1);
        for (int i = 0; i < scene.frameCount(); i++) {
            out.add(FrameRecord.frame(streamId, i, 0, captureTime(i), scene.width(), scene.height(),
                    FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), JPEG_QUALITY)));
        }
        out.add(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, streamId, scene.frameCount(), 0,
                EPOCH_MS + scene.frameCount() * 33L));
        return out;
    }

    /** The capture time of frame {@code index} in {@link #records}: 33 ms apart. */
    public static long captureTime(int index) {
        return EPOCH_MS + index * 33L;
    }

    /**
     * Tracks {@code scene} with {@code models} and the tracking settings in {@code config}.
     *
     * @param models used by this thread only for the duration of the call
     */
    public static Outcome run(ModelKit models, SyntheticScene scene, ReadableConfig config) throws Exception {
        String streamId = scene.name();
        TrackerSettings settings = TrackerOptions.from(config);
        long start = System.nanoTime();
        StreamProcessor processor = new StreamProcessor(models, settings);
        LocalStreamRunner runner = new LocalStreamRunner(streamId, processor, settings, scene.concepts());
        List<MaskletFrame> out = new ArrayList<>(scene.frameCount());
        for (FrameRecord r : records(scene, streamId)) {
            runner.process(r, out::add);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!runner.rejections().isEmpty()) {
            throw new IllegalStateException(scene.name() + ": records rejected: " + runner.rejections());
        }
        return new Outcome(out, score(scene, out), seconds);
    }

    /** HOTA, CLEAR, Identity and J&F of {@code predicted} against the scene's ground truth. */
    public static MetricsReport score(SyntheticScene scene, List<MaskletFrame> predicted) {
        var gt = TrackingSequences.ofMaskletFrames(SceneGroundTruth.maskletFrames(scene, scene.name()), scene.frameCount());
        var pred = TrackingSequences.ofMaskletFrames(predicted, scene.frameCount());
        return TrackingMetrics.evaluate(gt, pred);
    }
}
