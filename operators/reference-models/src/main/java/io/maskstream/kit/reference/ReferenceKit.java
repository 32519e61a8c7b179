package io.maskstream.kit.reference;

import io.maskstream.operators.inference.ConceptVocabulary;
import io.maskstream.operators.inference.DetectorRole;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKitFactory;
import io.maskstream.operators.inference.TrackerRole;
import org.apache.flink.configuration.ReadableConfig;

/**
 * {@code model.kit=reference}: the hand-built models of the synthetic scenes ({@link ReferenceModels}) run
 * as a manifest bundle, with a tracker that hands each masklet's conditioning memories largest mask first
 * ({@link LargestMemoryFirst}). The demo and the tests choose it explicitly; it is never a default.
 */
public final class ReferenceKit implements ModelKit {
    /** The value of {@link InferenceOptions#MODEL_KIT} that selects this kit. */
    public static final String NAME = "reference";

    private final ModelBundle models;
    private final TrackerRole tracker;

    private ReferenceKit(ModelBundle models) {
        this.models = models;
        this.tracker = new LargestMemoryFirst(models.tracker());
    }

    public static ReferenceKit open(InferenceSettings settings) {
        return new ReferenceKit(ReferenceModels.bundle(settings));
    }

    @Override
    public ConceptVocabulary conceptEncoder() {
        return models.conceptEncoder();
    }

    @Override
    public ConceptVocabulary instructionEncoder() {
        return models.instructionEncoder();
    }

    @Override
    public DetectorRole detector() {
        return models.detector();
    }

    @Override
    public TrackerRole tracker() {
        return tracker;
    }

    @Override
    public String provider() {
        return models.provider();
    }

    @Override
    public void close() {
        models.close();
    }

    /** Found by {@code ModelKits} through {@link java.util.ServiceLoader}. */
    public static final class Factory implements ModelKitFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ModelKit open(ReadableConfig config) {
            return ReferenceKit.open(InferenceOptions.settings(config));
        }
    }
}
