package io.maskstream.kit.coco;

import io.maskstream.operators.inference.ConceptVocabulary;
import io.maskstream.operators.inference.DetectorRole;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKitFactory;
import io.maskstream.operators.inference.TrackerRole;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The model kit for real video ({@code model.kit=coco}): the NanoDet-g COCO detector in ONNX Runtime,
 * masks from background subtraction and classical mask propagation. See docs/models/README.md.
 */
public final class CocoKit implements ModelKit {
    /** The value of {@code model.kit} that selects this kit. */
    public static final String NAME = "coco";

    private final NanoDet model;
    private final CocoDetector detector;
    private final ClassicalTracker tracker = new ClassicalTracker();
    private final String provider;

    private CocoKit(NanoDet model, float[] thresholds, String provider) {
        this.model = model;
        this.detector = new CocoDetector(model, thresholds);
        this.provider = provider;
    }

    public static CocoKit open(ReadableConfig config) {
        float[] thresholds = CocoKitOptions.thresholds(config);
        InferenceSettings settings = InferenceOptions.settings(config);
        return new CocoKit(NanoDet.open(settings), thresholds, settings.device().toString());
    }

    @Override
    public ConceptVocabulary conceptEncoder() {
        return detector;
    }

    @Override
    public DetectorRole detector() {
        return detector;
    }

    @Override
    public TrackerRole tracker() {
        return tracker;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Finds this kit for {@link io.maskstream.operators.inference.ModelKits}. */
    public static final class Factory implements ModelKitFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ModelKit open(ReadableConfig config) {
            return CocoKit.open(config);
        }
    }
}
