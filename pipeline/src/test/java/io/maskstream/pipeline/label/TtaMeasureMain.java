package io.maskstream.pipeline.label;

import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.DetectionNms;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.config.CocoKitPreset;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * Measures detector TTA: recall of ground-truth objects (mask IoU ≥ 0.5 with a detection after NMS), split
 * by size, and detector time, on synthetic scenes with the reference models; on a video with the coco kit,
 * the person detections a frame. Args: scales scene|video:FILE [frames].
 */
public final class TtaMeasureMain {
    public static void main(String[] args) throws Exception {
        String scales = args[0];
        String what = args[1];
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<String> settings = new ArrayList<>();
        if (what.startsWith("video:")) {
            settings.addAll(CocoKitPreset.SETTINGS);
        }
        settings.add("detector.tta-scales=" + scales);
        Configuration conf = MaskstreamConfig.load(null, settings);
        try (ModelKit kit = ModelKits.open(conf)) {
            StreamProcessor p = new StreamProcessor(kit, TrackerOptions.from(conf));
            if (what.startsWith("video:")) {
                long nanos = 0, dets = 0, small = 0;
                int n = 0;
                try (FrameSource s = FrameSources.open(what.substring(6))) {
                    RgbImage img;
                    while ((img = s.read()) != null && (frames == 0 || n < frames)) {
                        long t0 = System.nanoTime();
                        List<Detection> d = DetectionNms.apply(kit.detector().detect(img, List.of(p.concept("person"))));
                        nanos += System.nanoTime() - t0;
                        dets += d.size();
                        small += d.stream().filter(x -> x.box().height() < 60).count();
                        n++;
                    }
                }
                System.out.printf("%s scales=%s frames=%d persons/frame=%.2f small(<60px tall)/frame=%.2f detector ms/frame=%.1f%n",
                        what, scales, n, (double) dets / n, (double) small / n, nanos / 1e6 / n);
                return;
            }
            SyntheticScene scene = Scenarios.create(what, frames > 0 ? SceneSettings.defaults().withFrameCount(frames) : SceneSettings.defaults());
            long nanos = 0;
            int[] found = new int[2], total = new int[2];
            var emb = new ArrayList<io.maskstream.operators.inference.ConceptEmbedding>();
            for (String c : scene.concepts()) {
                emb.add(p.concept(c));
            }
            for (int t = 0; t < scene.frameCount(); t++) {
                RgbImage img = scene.frame(t);
                long t0 = System.nanoTime();
                List<Detection> d = DetectionNms.apply(kit.detector().detect(img, emb));
                nanos += System.nanoTime() - t0;
                for (GroundTruthObject o : scene.groundTruth(t)) {
                    if (o.mask().area() < 16) {
                        continue;
                    }
                    int size = o.mask().area() < 400 ? 0 : 1;
                    total[size]++;
                    if (d.stream().anyMatch(x -> x.concept().equals(o.concept()) && x.mask() != null && x.mask().iou(o.mask()) >= 0.5)) {
                        found[size]++;
                    }
                }
            }
            System.out.printf("%s scales=%s frames=%d recall small(<400px)=%d/%d=%.3f large=%d/%d=%.3f detector ms/frame=%.1f%n",
                    what, scales, scene.frameCount(), found[0], total[0], (double) found[0] / Math.max(1, total[0]),
                    found[1], total[1], (double) found[1] / Math.max(1, total[1]), nanos / 1e6 / scene.frameCount());
        }
    }
}
