package io.maskstream.operators.stream;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.tracking.MaskletState;
import io.maskstream.state.tracking.MemoryFrame;
import io.maskstream.state.tracking.StreamTrackerState;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * Diagnostic (not a test): tracks a long synthetic scene through a {@link LocalStreamRunner} and
 * prints the stream's durable state per frame: total bytes, masklets, stored frames, frame bytes vs
 * tracker bytes, and each masklet's memory seqs. Args: scene (or grid-K) [frames] [width height] [every].
 */
public final class StateGrowthMain {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "mixed";
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int w = args.length > 3 ? Integer.parseInt(args[2]) : SceneSettings.DEFAULT_WIDTH;
        int h = args.length > 3 ? Integer.parseInt(args[3]) : SceneSettings.DEFAULT_HEIGHT;
        int every = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        SceneSettings sceneSettings = SceneSettings.defaults().withFrameCount(frames).withSize(w, h);
        SyntheticScene scene = name.startsWith("grid-")
                ? Scenarios.grid(Integer.parseInt(name.substring(5)), sceneSettings)
                : Scenarios.create(name, sceneSettings);
        Configuration conf = new Configuration();
        TrackerSettings settings = TrackerOptions.from(conf);
        try (ModelKit models = io.maskstream.kit.reference.ReferenceKit.open(
                io.maskstream.operators.inference.InferenceOptions.settings(conf))) {
            StreamProcessor processor = new StreamProcessor(models, settings);
            LocalStreamRunner runner = new LocalStreamRunner(name, processor, settings, scene.concepts());
            List<MaskletFrame> sink = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                FrameRecord r = FrameRecord.frame(name, i, 0, 1_700_000_000_000L + i * 33L, w, h,
                        FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90));
                runner.process(r, sink::add);
                if (i % every == every - 1) {
                    StreamTrackerState t = runner.trackerState();
                    long total = runner.durableStateBytes();
                    long frameBytes = runner.storedFrameBytes();
                    System.out.printf("frame %4d total=%8d frames=%3d frameBytes=%8d tracker+cursor=%7d masklets=%2d%n",
                            i + 1, total, runner.storedFrameSeqs().size(), frameBytes, total - frameBytes,
                            t == null ? 0 : t.masklets().size());
                    if (t != null && (i % (every * 10) == every * 10 - 1)) {
                        for (MaskletState m : t.masklets()) {
                            System.out.printf("    masklet %3d first=%4d lastMatchIdx=%4d cond=%s recent=%s prev=%s%n",
                                    m.id(), m.firstSeq(), m.lastMatchedFrameIndex(), seqs(m.conditioningMemory()),
                                    seqs(m.recentMemory()), m.previousFrame() == null ? "-" : m.previousFrame().seq());
                        }
                        System.out.println("    stored=" + runner.storedFrameSeqs());
                    }
                }
            }
            runner.finish(sink::add);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (MaskletFrame f : sink) {
                digest.update(MaskletFrameJson.toJson(f));
            }
            System.out.println("output: " + sink.size() + " masklet frames, sha256 "
                    + HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static List<Long> seqs(List<MemoryFrame> l) {
        return l.stream().map(MemoryFrame::seq).toList();
    }
}
