package io.maskstream.kit.coco;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskstream.operators.inference.Device;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The NanoDet-g COCO detector (80 classes) in ONNX Runtime: frame → {@link NanoDetInput} → model →
 * {@link NanoDetHeads} → {@link NanoDetDecoder} → detections in frame pixels. The model ships in this jar
 * ({@value #RESOURCE}, converted from the TensorFlow.js graph, see NOTICE.md). Each instance owns its session
 * and buffers: use it from one thread at a time, and close it.
 */
public final class NanoDet implements AutoCloseable {
    /** Classpath resource of the converted model, next to this class. */
    public static final String RESOURCE = "nanodet-g.onnx";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;
    private final String[] scoreOutputs = new String[NanoDetHeads.STRIDES.length];
    private final String[] distanceOutputs = new String[NanoDetHeads.STRIDES.length];
    private final NanoDetInput input = new NanoDetInput();
    private final float[] inputBuffer = new float[3 * NanoDetInput.SIZE * NanoDetInput.SIZE];
    private final NanoDetHeads heads = NanoDetHeads.allocate();

    private NanoDet(OrtSession session, String source) {
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        try {
            mapOutputs(session.getOutputInfo(), source);
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            throw e instanceof ModelDirectoryException m ? m
                    : new ModelDirectoryException(source + " is not a NanoDet model: " + e.getMessage(), e);
        }
    }

    /** The model shipped in this jar, run as {@code settings} say (device, threads, spinning). */
    public static NanoDet open(InferenceSettings settings) {
        byte[] model;
        try (InputStream in = NanoDet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelDirectoryException("the NanoDet model " + RESOURCE + " is missing from the classpath");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        try (OrtSession.SessionOptions options = options(settings)) {
            return new NanoDet(OrtEnvironment.getEnvironment().createSession(model, options), RESOURCE);
        } catch (OrtException e) {
            throw new ModelDirectoryException("ONNX Runtime cannot load " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** A NanoDet ONNX file (same inputs and outputs as {@value #RESOURCE}). */
    public static NanoDet open(Path onnx, InferenceSettings settings) {
        if (!Files.isRegularFile(onnx)) {
            throw new ModelDirectoryException("no NanoDet model at " + onnx);
        }
        try (OrtSession.SessionOptions options = options(settings)) {
            return new NanoDet(OrtEnvironment.getEnvironment().createSession(onnx.toString(), options),
                    onnx.getFileName().toString());
        } catch (OrtException e) {
            throw new ModelDirectoryException("ONNX Runtime cannot load " + onnx + ": " + e.getMessage(), e);
        }
    }

    /** Every object of any class scored {@code minScore} or above, best first ({@link NanoDetDecoder#ORDER}). */
    public List<CocoDetection> detect(RgbImage frame, float minScore) {
        return detect(frame, NanoDetDecoder.uniform(minScore));
    }

    /**
     * The objects whose score reaches their class's threshold, best first ({@link NanoDetDecoder#ORDER}).
     *
     * @param minScoreByClass 80 thresholds indexed by class id; a value above 1 leaves the class out
     */
    public List<CocoDetection> detect(RgbImage frame, float[] minScoreByClass) {
        input.write(frame, inputBuffer);
        run(inputBuffer);
        return NanoDetDecoder.decode(heads, frame.width(), frame.height(), minScoreByClass);
    }

    /**
     * The raw outputs for a pre-processed input ({@code [1, 3, 416, 416]}, see {@link NanoDetInput}). The returned
     * heads are this instance's buffers, overwritten by the next call.
     */
    public NanoDetHeads run(float[] preprocessed) {
        long[] shape = {1, 3, NanoDetInput.SIZE, NanoDetInput.SIZE};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(preprocessed), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            for (int level = 0; level < NanoDetHeads.STRIDES.length; level++) {
                copy(result, scoreOutputs[level], heads.scores()[level]);
                copy(result, distanceOutputs[level], heads.distances()[level]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("NanoDet inference failed: " + e.getMessage(), e);
        }
        return heads;
    }

    private static void copy(OrtSession.Result result, String name, float[] into) {
        OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
        t.getFloatBuffer().get(into);
    }

    /** Finds each level's score and distance output by its shape ({@code [1, cells, 80 | 44]}). */
    private void mapOutputs(Map<String, NodeInfo> outputs, String source) {
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
            for (int level = 0; level < NanoDetHeads.STRIDES.length; level++) {
                if (shape.length == 3 && shape[1] == NanoDetHeads.cells(level)) {
                    if (shape[2] == CocoClasses.count()) {
                        scoreOutputs[level] = e.getKey();
                    } else if (shape[2] == NanoDetHeads.DISTANCE_CHANNELS) {
                        distanceOutputs[level] = e.getKey();
                    }
                }
            }
        }
        for (int level = 0; level < NanoDetHeads.STRIDES.length; level++) {
            if (scoreOutputs[level] == null || distanceOutputs[level] == null) {
                throw new ModelDirectoryException(source + " has no [1, " + NanoDetHeads.cells(level) + ", 80] and [1, "
                        + NanoDetHeads.cells(level) + ", 44] outputs for stride " + NanoDetHeads.STRIDES[level]
                        + "; outputs: " + outputs.keySet());
            }
        }
    }

    private static OrtSession.SessionOptions options(InferenceSettings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(settings.intraOpThreadCount());
        options.setInterOpNumThreads(settings.interOpThreads());
        // Spinning pool threads would take the cores Kafka, Flink and the other slots need between two frames.
        String spin = settings.allowSpinning() ? "1" : "0";
        options.addConfigEntry("session.intra_op.allow_spinning", spin);
        options.addConfigEntry("session.inter_op.allow_spinning", spin);
        // As the operators' sessions do: denormals would slow the convolutions down and change nothing visible.
        options.addConfigEntry("session.set_denormal_as_zero", "1");
        Device device = settings.device();
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (device.kind() == Device.Kind.CUDA && !cuda) {
            options.close();
            throw new ModelDirectoryException("model.device=" + device + " but this ONNX Runtime has no CUDA "
                    + "execution provider; build with the 'cuda' Maven profile or set model.device to cpu or auto");
        }
        if (device.kind() == Device.Kind.CUDA) {
            options.addCUDA(device.cudaDevice());
        } else if (device.kind() == Device.Kind.AUTO && cuda) {
            try {
                options.addCUDA(device.cudaDevice());
            } catch (OrtException e) {
                // auto falls back to the CPU provider
            }
        }
        return options;
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the NanoDet session failed", e);
        }
    }
}
