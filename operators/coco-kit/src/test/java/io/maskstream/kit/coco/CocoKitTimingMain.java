package io.maskstream.kit.coco;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.ModelTimings;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;

/**
 * Per-frame time of the coco kit's stream session without Flink (detect, encode + scene, propagate,
 * rules), the masklets per frame and the durable state; not a test. Classpath as in
 * {@link NanoDetTimingMain}; argument: the video (default samples/vtest-150.avi).
 */
public final class CocoKitTimingMain {
    public static void main(String[] args) throws Exception {
        String video = args.length > 0 ? args[0] : "samples/vtest-150.avi";
        List<FrameRecord> records = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(video)) {
            int seq = 0;
            for (RgbImage f = source.read(); f != null; f = source.read()) {
                records.add(FrameRecord.frame("s", seq++, 0, 0L, f.width(), f.height(), FrameEncoding.JPEG,
                        Images.encodeJpeg(f, 90)));
            }
        }
        Configuration conf = new Configuration();
        // the settings demo --source runs the coco kit with
        conf.setString("tracking.new-detection-threshold", "0.5");
        conf.setString("tracking.memory-frames", "2");
        conf.setString("tracking.max-conditioning-frames", "1");
        conf.setString("tracking.max-lost-frames", "50");
        TrackerSettings settings = TrackerOptions.from(conf);
        try (CocoKit kit = CocoKit.open(conf)) {
            StreamProcessor processor = new StreamProcessor(kit, settings);
            LocalStreamRunner runner = new LocalStreamRunner("s", processor, settings, List.of("person"));
            int[] objects = new int[1];
            Consumer<MaskletFrame> out = m -> objects[0] += m.objects().size();
            long maxState = 0;
            long t0 = System.nanoTime();
            for (FrameRecord r : records) {
                runner.process(r, out);
                if (r.seq() % 10 == 9) {
                    long t = System.nanoTime();
                    maxState = Math.max(maxState, runner.durableStateBytes());
                    t0 += System.nanoTime() - t;
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / records.size();
            ModelTimings t = processor.timings();
            long n = t.frames();
            System.out.printf("%d frames: %.1f ms/frame (%.1f fps); detect %.1f, encode+scene %.1f, propagate %.1f, "
                            + "memory %.1f, rules %.1f ms/frame; %.1f masklets propagated/frame; %.1f objects out/frame;"
                            + " state max %.0f KB%n", records.size(), ms, 1000 / ms, t.detectNanos() / 1e6 / n,
                    t.encodeNanos() / 1e6 / n, t.propagateNanos() / 1e6 / n, t.memoryNanos() / 1e6 / n,
                    t.rulesNanos() / 1e6 / n, t.propagatedMasklets() / (double) n, objects[0] / (double) records.size(),
                    maxState / 1024.0);
        }
    }
}
