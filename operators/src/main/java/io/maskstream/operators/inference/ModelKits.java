package io.maskstream.operators.inference;

import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.flink.configuration.ReadableConfig;

/** Opens the kit {@link InferenceOptions#MODEL_KIT} names. */
public final class ModelKits {
    /** The kit of the ONNX model directory ({@link ModelBundle}). */
    public static final String MANIFEST = "manifest";

    private ModelKits() {}

    /** The kit {@link InferenceOptions#MODEL_KIT} names, its detector run at {@link InferenceOptions#DETECTOR_TTA_SCALES}. */
    public static ModelKit open(ReadableConfig config) {
        ModelKit kit = openKit(config);
        DetectorRole detector;
        try {
            detector = MultiScaleDetector.of(kit.detector(), InferenceOptions.ttaScales(config));
        } catch (IllegalArgumentException e) {
            kit.close();
            throw e;
        }
        return detector == kit.detector() ? kit : new ModelKit() {
            @Override
            public ConceptVocabulary conceptEncoder() {
                return kit.conceptEncoder();
            }

            @Override
            public java.util.List<String> concepts() {
                return kit.concepts();
            }

            @Override
            public DetectorRole detector() {
                return detector;
            }

            @Override
            public ConceptVocabulary instructionEncoder() {
                return kit.instructionEncoder();
            }

            @Override
            public TrackerRole tracker() {
                return kit.tracker();
            }

            @Override
            public String provider() {
                return kit.provider();
            }

            @Override
            public void close() {
                kit.close();
            }
        };
    }

    private static ModelKit openKit(ReadableConfig config) {
        String name = config.get(InferenceOptions.MODEL_KIT);
        if (name.equals(MANIFEST)) {
            return ModelBundle.open(config);
        }
        TreeMap<String, ModelKitFactory> found = factories();
        ModelKitFactory factory = found.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(InferenceOptions.MODEL_KIT.key() + ": unknown kit '" + name
                    + "' (known: " + MANIFEST + (found.isEmpty() ? "" : ", " + String.join(", ", found.keySet())) + ")");
        }
        return factory.open(config);
    }

    /** What {@code config} runs, for messages: {@code the 'coco' model kit} or {@code the models in model.dir 'DIR'}. */
    public static String describe(ReadableConfig config) {
        String kit = config.get(InferenceOptions.MODEL_KIT);
        if (!kit.equals(MANIFEST)) {
            return "the '" + kit + "' model kit";
        }
        return config.getOptional(InferenceOptions.MODEL_DIR)
                .map(dir -> "the models in " + InferenceOptions.MODEL_DIR.key() + " '" + dir + "'")
                .orElse("the manifest kit without " + InferenceOptions.MODEL_DIR.key());
    }

    /** The kits on the class path, by name. */
    public static TreeMap<String, ModelKitFactory> factories() {
        TreeMap<String, ModelKitFactory> found = new TreeMap<>();
        for (ModelKitFactory f : ServiceLoader.load(ModelKitFactory.class, ModelKits.class.getClassLoader())) {
            found.put(f.name(), f);
        }
        return found;
    }
}
