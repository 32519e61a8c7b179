package io.maskstream.operators.inference;

import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.tracking.DetectionNms;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * How the reference detector cuts a scene's objects into instances: per concept, the mean number of
 * detections that overlap a ground-truth object (1 = whole), the mean mask IoU of its best detection,
 * and the detections that overlap no object. Frames go through JPEG quality 90 as the quality suite's
 * records do. Usage: {@code DetectorInstancesMain [scene[:frames]]...} (default mixed flicker crowd).
 */
public final class DetectorInstancesMain {
    private DetectorInstancesMain() {}

    public static void main(String[] args) throws Exception {
        List<String> scenes = args.length > 0 ? List.of(args) : List.of("mixed", "flicker", "crowd");
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            for (String spec : scenes) {
                String[] parts = spec.split(":");
                int frames = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                SyntheticScene scene = Scenarios.create(parts[0],
                        new SceneSettings(SceneSettings.DEFAULT_WIDTH, SceneSettings.DEFAULT_HEIGHT, frames,
                                SceneSettings.DEFAULT_SEED));
                List<ConceptEmbedding> concepts = new ArrayList<>();
                for (String c : scene.concepts()) {
                    concepts.add(models.conceptEncoder().encode(c));
                }
                Map<String, double[]> perConcept = new TreeMap<>(); // objects, pieces, best IoU sum, split objects
                int falsePositives = 0;
                for (int i = 0; i < scene.frameCount(); i++) {
                    byte[] jpeg = Images.encodeJpeg(scene.frame(i), 90);
                    RgbImage frame = Images.toRgbImage(ImageIO.read(new ByteArrayInputStream(jpeg)));
                    List<Detection> dets = DetectionNms.apply(models.detector().detect(frame, concepts));
                    List<GroundTruthObject> truth = scene.groundTruth(i);
                    boolean[] used = new boolean[dets.size()];
                    for (GroundTruthObject o : truth) {
                        if (o.mask().area() < 30) {
                            continue;
                        }
                        int pieces = 0;
                        double best = 0;
                        for (int d = 0; d < dets.size(); d++) {
                            Detection det = dets.get(d);
                            if (!det.concept().equals(o.concept())) {
                                continue;
                            }
                            long inter = det.mask().intersectionArea(o.mask());
                            if (inter > 0) {
                                used[d] = true;
                                if (inter >= 0.5 * det.mask().area()) {
                                    pieces++;
                                }
                                best = Math.max(best, inter / (double) (det.mask().area() + o.mask().area() - inter));
                            }
                        }
                        double[] s = perConcept.computeIfAbsent(o.concept(), k -> new double[4]);
                        s[0]++;
                        s[1] += pieces;
                        s[2] += best;
                        s[3] += pieces > 1 ? 1 : 0;
                    }
                    for (int d = 0; d < dets.size(); d++) {
                        if (!used[d]) {
                            falsePositives++;
                            if (System.getProperty("verbose") != null) {
                                Detection det = dets.get(d);
                                System.out.printf("  frame %d: %s on no object, area %d, box %s, score %.3f%n", i,
                                        det.concept(), det.mask().area(), det.box(), det.score());
                            }
                        }
                    }
                }
                System.out.printf("%s (%d frames): detections on no object %d%n", scene.name(), scene.frameCount(),
                        falsePositives);
                perConcept.forEach((c, s) -> System.out.printf(
                        "  %-8s objects %5.0f  pieces/object %.3f  split %4.0f  best IoU %.3f%n", c, s[0], s[1] / s[0],
                        s[3], s[2] / s[0]));
            }
        }
    }
}
