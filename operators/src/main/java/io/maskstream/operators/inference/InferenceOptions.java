package io.maskstream.operators.inference;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Configuration of the model layer. */
public final class InferenceOptions {
    private InferenceOptions() {}

    public static final ConfigOption<String> MODEL_KIT = ConfigOptions.key("model.kit")
            .stringType()
            .defaultValue(ModelKits.MANIFEST)
            .withDescription("The model kit: 'manifest' (the ONNX models of model.dir), 'coco' (NanoDet COCO "
                    + "detector with classical mask propagation) or 'reference' (the hand-built models of the "
                    + "synthetic test scenes, colour concepts; what the demo and the tests run). A kit other than "
                    + "'manifest' is found on the class path.");

    public static final ConfigOption<String> MODEL_DIR = ConfigOptions.key("model.dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Directory with the ONNX files and model.json; the manifest kit needs it "
                    + "(./maskstream models check --dir DIR validates one).");

    public static final ConfigOption<String> DEVICE = ConfigOptions.key("model.device")
            .stringType()
            .defaultValue("cpu")
            .withDescription("Execution provider: 'cpu', 'cuda' or 'cuda:N' (fails at start-up when the CUDA "
                    + "build of ONNX Runtime or the GPU is missing; build with -Pcuda), or 'auto' (CUDA when "
                    + "present, else CPU).");

    public static final ConfigOption<Integer> INTRA_OP_THREADS = ConfigOptions.key("model.intra-op-threads")
            .intType()
            .defaultValue(1)
            .withDescription("ONNX Runtime threads per session that share the work inside a node, the calling task "
                    + "thread included (1: no pool; -1: one per available core). Sessions are shared by the slots of "
                    + "a TaskManager, so 1 lets N slots use N cores without oversubscribing them; more pays on a "
                    + "machine with more cores than slots. Pool threads flush denormal floats to zero, Flink's task "
                    + "threads do not (see BENCHMARKS.md, 'ONNX Runtime settings').");

    public static final ConfigOption<Integer> INTER_OP_THREADS = ConfigOptions.key("model.inter-op-threads")
            .intType()
            .defaultValue(1)
            .withDescription("ONNX Runtime threads running independent nodes of a graph at once (sequential "
                    + "execution when 1). The parallel executor hands every branch to another thread, which on a "
                    + "busy machine waits for the scheduler: measured 2-5x slower here.");

    public static final ConfigOption<Boolean> ALLOW_SPINNING = ConfigOptions.key("model.allow-spinning")
            .booleanType()
            .defaultValue(false)
            .withDescription("Whether ONNX Runtime's idle pool threads spin (busy-wait) for work instead of "
                    + "blocking. Spinning saves microseconds per call on a dedicated machine; in a TaskManager it "
                    + "burns the cores the Kafka, network and checkpoint threads and the other slots need.");

    public static final ConfigOption<Float> DETECTION_THRESHOLD = ConfigOptions.key("model.detection-threshold")
            .floatType()
            .defaultValue(0.5f)
            .withDescription("Detections scoring below this are dropped by the detector.");

    public static final ConfigOption<Integer> TRACKER_BATCH_SIZE = ConfigOptions.key("model.tracker-batch-size")
            .intType()
            .defaultValue(0)
            .withDescription("Masklets per propagation call when the tracker has a batch axis: 0 propagates all "
                    + "masklets of a frame in one call (best on a GPU); on a small CPU, calls of 1 or 2 keep the "
                    + "attention and decoder tensors in cache and are faster (see BENCHMARKS.md). Results are "
                    + "bit-identical for every value.");

    public static final ConfigOption<String> DETECTOR_TTA_SCALES = ConfigOptions.key("detector.tta-scales")
            .stringType()
            .defaultValue("1.0")
            .withDescription("Multi-scale test-time augmentation of the detector: the scales the frame is run at, "
                    + "comma-separated, e.g. '1.0,1.5'. A scale above 1 enlarges the frame and cuts it into frame-sized tiles, so small "
                    + "objects reach the fixed-size detector larger; the detections of all scales are mapped back to "
                    + "the frame and merged by the stream's NMS (MultiScaleDetector). Each scale s costs about "
                    + "ceil(s)^2 detector calls a frame.");

    /** The scales of {@link #DETECTOR_TTA_SCALES}; a value that is not a list of positive numbers fails naming the key. */
    public static java.util.List<Double> ttaScales(ReadableConfig config) {
        String v = config.get(DETECTOR_TTA_SCALES);
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (String part : v.split(",")) {
            try {
                double s = Double.parseDouble(part.strip());
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new NumberFormatException();
                }
                out.add(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(DETECTOR_TTA_SCALES.key() + ": expected positive numbers separated by "
                        + "commas, e.g. 1.0,1.5; got '" + v + "'");
            }
        }
        return out;
    }

    /** The settings these options describe. */
    public static InferenceSettings settings(ReadableConfig config) {
        return new InferenceSettings(Device.parse(config.get(DEVICE)), config.get(INTRA_OP_THREADS),
                config.get(INTER_OP_THREADS), config.get(DETECTION_THRESHOLD), config.get(TRACKER_BATCH_SIZE),
                config.get(ALLOW_SPINNING));
    }
}
