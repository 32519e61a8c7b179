package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic stream for property tests: objects that appear, drift a pixel at a time and
 * leave, detections that are sometimes missed, and short-lived false positives.
 */
final class ChurnScene {
    private final Random random;
    private final List<int[]> objects = new ArrayList<>(); // x, y, dx, dy, framesLeft

    ChurnScene(long seed) {
        this.random = new Random(seed);
    }

    List<Detection> nextFrame() {
        if (objects.size() < 6 && random.nextDouble() < 0.08) {
            objects.add(new int[] {random.nextInt(24), random.nextInt(24), random.nextInt(3) - 1,
                    random.nextInt(3) - 1, 20 + random.nextInt(180)});
        }
        List<Detection> dets = new ArrayList<>();
        for (var it = objects.iterator(); it.hasNext(); ) {
            int[] o = it.next();
            if (--o[4] < 0) {
                it.remove();
                continue;
            }
            if (random.nextDouble() < 0.3) {
                o[0] = Math.max(0, Math.min(26, o[0] + o[2]));
                o[1] = Math.max(0, Math.min(26, o[1] + o[3]));
            }
            if (random.nextDouble() < 0.9) {
                dets.add(Scene.det(Scene.rect(o[0], o[1], o[0] + 6, o[1] + 6), 0.6f + 0.4f * random.nextFloat()));
            }
        }
        if (random.nextDouble() < 0.05) {
            int x = random.nextInt(28), y = random.nextInt(28);
            dets.add(Scene.det(Scene.rect(x, y, x + 4, y + 4), 0.7f + 0.3f * random.nextFloat()));
        }
        return DetectionNms.apply(dets);
    }
}
