package io.maskstream.kit.coco;

import io.maskstream.operators.inference.InferenceOptions;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Configuration of the coco kit ({@code model.kit=coco}). */
public final class CocoKitOptions {
    private CocoKitOptions() {}

    public static final ConfigOption<Map<String, String>> SCORE_THRESHOLDS = ConfigOptions.key("coco.score-thresholds")
            .mapType()
            .defaultValue(Map.of())
            .withDescription("Per-concept detection score thresholds of the coco kit, e.g. 'person:0.5,car:0.4' "
                    + "(COCO class names or their synonyms). Concepts not listed use model.detection-threshold.");

    /** The threshold of each of the 80 classes, indexed by class id; fails naming the key on a bad entry. */
    static float[] thresholds(ReadableConfig config) {
        float fallback = config.get(InferenceOptions.DETECTION_THRESHOLD);
        float[] out = new float[CocoClasses.count()];
        java.util.Arrays.fill(out, fallback);
        for (Map.Entry<String, String> e : config.get(SCORE_THRESHOLDS).entrySet()) {
            int id;
            float v;
            try {
                id = CocoClasses.resolve(e.getKey());
                v = Float.parseFloat(e.getValue().trim());
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(SCORE_THRESHOLDS.key() + ": bad entry '" + e.getKey() + ":"
                        + e.getValue() + "': " + ex.getMessage(), ex);
            }
            if (!(v > 0f && v <= 1f)) {
                throw new IllegalArgumentException(SCORE_THRESHOLDS.key() + ": threshold of '" + e.getKey()
                        + "' must be in (0, 1], got " + v);
            }
            out[id] = v;
        }
        return out;
    }
}
