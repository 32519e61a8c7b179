package io.maskstream.operators.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models of one model directory, validated at open: every file exists, every tensor the manifest
 * names is in its ONNX file with the stated rank, and every input of every file is named. Sessions
 * are shared per JVM (see {@link SharedSessions}); the role objects are this bundle's own and are used
 * by one thread at a time — open one bundle per Flink slot.
 */
public final class ModelBundle implements ModelKit {
    private final Path directory;
    private final ModelManifest manifest;
    private final List<SharedSessions.Handle> handles;
    private final ConceptTokenizer tokenizer;
    private final ConceptEncoder conceptEncoder;
    private final ConceptTokenizer instructionTokenizer;
    private final ConceptEncoder instructionEncoder;
    private final Detector detector;
    private final MaskletTracker tracker;
    private final String provider;
    private boolean closed;

    private ModelBundle(Path directory, ModelManifest manifest, List<SharedSessions.Handle> handles,
                        Map<String, OrtSession> byPath, ConceptTokenizer tokenizer,
                        ConceptTokenizer instructionTokenizer, InferenceSettings settings) {
        this.directory = directory;
        this.manifest = manifest;
        this.handles = handles;
        this.tokenizer = tokenizer;
        this.provider = SharedSessions.provider(settings.device());
        this.conceptEncoder = manifest.conceptEncoder() == null ? null
                : new ConceptEncoder(manifest.conceptEncoder(), byPath.get(manifest.conceptEncoder().textEncoder().path()),
                        tokenizer);
        this.instructionTokenizer = instructionTokenizer;
        ModelManifest.ConceptEncoderSpec i = manifest.instructionEncoder();
        this.instructionEncoder = i == null ? null
                : new ConceptEncoder(i, byPath.get(i.textEncoder().path()), instructionTokenizer);
        ModelManifest.DetectorSpec d = manifest.detector();
        this.detector = d == null ? null : new Detector(d, byPath.get(d.visionEncoder().path()),
                byPath.get(d.decoder().path()), settings.detectionThreshold(), conceptEncoder);
        ModelManifest.TrackerSpec t = manifest.tracker();
        this.tracker = t == null ? null : new MaskletTracker(t, byPath.get(t.imageEncoder().path()),
                byPath.get(t.imageDecoder().path()), byPath.get(t.propagateDecoder().path()),
                byPath.get(t.memoryAttention().path()), byPath.get(t.memoryEncoder().path()),
                settings.trackerBatchSize());
    }

    /** Opens and validates {@code modelDir}. */
    public static ModelBundle open(Path modelDir, InferenceSettings settings) {
        Path manifestFile = modelDir.resolve(ModelManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelDirectoryException(ModelManifest.FILE_NAME + ": not found in " + modelDir);
        }
        ModelManifest manifest = ModelManifest.read(manifestFile);
        for (ModelManifest.ComponentSpec c : manifest.components()) {
            if (!Files.isRegularFile(modelDir.resolve(c.file()))) {
                throw ModelManifest.fail(c.path() + ".file", c.file() + " not found in " + modelDir);
            }
        }
        ConceptTokenizer tokenizer = manifest.conceptEncoder() == null ? null
                : ConceptTokenizer.open(manifest.conceptEncoder().tokenizer(), modelDir);
        ConceptTokenizer instructionTokenizer = manifest.instructionEncoder() == null ? null
                : ConceptTokenizer.open(manifest.instructionEncoder().tokenizer(), modelDir);
        List<SharedSessions.Handle> handles = new ArrayList<>();
        try {
            Map<String, OrtSession> byPath = new LinkedHashMap<>();
            Map<String, SharedSessions.Handle> byFile = new LinkedHashMap<>();
            for (ModelManifest.ComponentSpec c : manifest.components()) {
                SharedSessions.Handle h = byFile.get(c.file());
                if (h == null) {
                    h = SharedSessions.acquire(modelDir.resolve(c.file()), settings);
                    handles.add(h);
                    byFile.put(c.file(), h);
                }
                validate(c, h.session());
                byPath.put(c.path(), h.session());
            }
            validateImage(manifest, byPath);
            return new ModelBundle(modelDir, manifest, handles, byPath, tokenizer, instructionTokenizer, settings);
        } catch (RuntimeException e) {
            handles.forEach(SharedSessions.Handle::close);
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (instructionTokenizer != null) {
                instructionTokenizer.close();
            }
            throw e;
        }
    }

    /** The directory of {@link InferenceOptions#MODEL_DIR}; a job without one fails here, naming the key. */
    public static ModelBundle open(org.apache.flink.configuration.ReadableConfig config) {
        InferenceSettings settings = InferenceOptions.settings(config);
        String dir = config.getOptional(InferenceOptions.MODEL_DIR).orElseThrow(() -> new ModelDirectoryException(
                InferenceOptions.MODEL_DIR.key() + " is not set: the manifest kit needs a model directory (or choose "
                        + "another kit with " + InferenceOptions.MODEL_KIT.key() + ", for example coco)"));
        return open(Path.of(dir), settings);
    }

    private static void validate(ModelManifest.ComponentSpec c, OrtSession session) {
        try {
            check(c, c.inputs(), session.getInputInfo(), "inputs");
            check(c, c.outputs(), session.getOutputInfo(), "outputs");
            Set<String> named = new HashSet<>();
            c.inputs().values().forEach(t -> named.add(t.name()));
            for (String input : new TreeSet<>(session.getInputNames())) {
                if (!named.contains(input)) {
                    throw ModelManifest.fail(c.path() + ".inputs", c.file() + " has input '" + input
                            + "' that no key names (ONNX Runtime needs every input fed)");
                }
            }
        } catch (OrtException e) {
            throw new ModelDirectoryException("cannot inspect " + c.file() + ": " + e.getMessage(), e);
        }
    }

    private static void check(ModelManifest.ComponentSpec c, Map<String, ModelManifest.TensorSpec> specs,
                              Map<String, NodeInfo> actual, String kind) {
        for (ModelManifest.TensorSpec t : specs.values()) {
            NodeInfo info = actual.get(t.name());
            if (info == null) {
                throw ModelManifest.fail(t.path(), "tensor '" + t.name() + "' not in " + c.file() + " (has: "
                        + String.join(", ", new TreeSet<>(actual.keySet())) + ")");
            }
            if (!(info.getInfo() instanceof TensorInfo ti)) {
                throw ModelManifest.fail(t.path(), "'" + t.name() + "' in " + c.file() + " is not a tensor");
            }
            if (ti.getShape().length != t.rank()) {
                throw ModelManifest.fail(t.path(), "tensor '" + t.name() + "' in " + c.file() + " has rank "
                        + ti.getShape().length + " " + Arrays.toString(ti.getShape()) + ", manifest says " + t.rank());
            }
        }
    }

    /** Where the image input has static spatial dimensions, they must match the manifest's image size. */
    private static void validateImage(ModelManifest m, Map<String, OrtSession> byPath) {
        if (m.detector() != null) {
            checkImage(m.detector().visionEncoder(), m.detector().image(), byPath, "roles.detector.image");
            if (m.detector().batchAxis()) {
                checkBatchAxis(m.detector().visionEncoder(), m.detector().visionEncoder().input("image"), byPath, true);
                checkBatchAxis(m.detector().decoder(), m.detector().decoder().output("masks"), byPath, false);
            }
        }
        if (m.tracker() != null) {
            checkImage(m.tracker().imageEncoder(), m.tracker().image(), byPath, "roles.tracker.image");
        }
    }

    /** With {@code roles.detector.batchAxis} the frame axis of a tensor must be dynamic. */
    private static void checkBatchAxis(ModelManifest.ComponentSpec c, ModelManifest.TensorSpec t,
                                       Map<String, OrtSession> byPath, boolean input) {
        try {
            OrtSession s = byPath.get(c.path());
            Map<String, NodeInfo> infos = input ? s.getInputInfo() : s.getOutputInfo();
            long[] shape = ((TensorInfo) infos.get(t.name()).getInfo()).getShape();
            if (shape.length == 0 || shape[0] > 0) {
                throw ModelManifest.fail("roles.detector.batchAxis", "true, but " + (input ? "input" : "output")
                        + " '" + t.name() + "' of " + c.file() + " has a fixed first dimension "
                        + Arrays.toString(shape) + " (a batch axis over frames must be dynamic)");
            }
        } catch (OrtException e) {
            throw new ModelDirectoryException("cannot inspect " + c.file() + ": " + e.getMessage(), e);
        }
    }

    private static void checkImage(ModelManifest.ComponentSpec c, ModelManifest.ImageSpec image,
                                   Map<String, OrtSession> byPath, String path) {
        try {
            String name = c.input("image").name();
            long[] shape = ((TensorInfo) byPath.get(c.path()).getInputInfo().get(name).getInfo()).getShape();
            if (shape.length != 4 || (shape[1] > 0 && shape[1] != 3)
                    || (shape[2] > 0 && shape[2] != image.height()) || (shape[3] > 0 && shape[3] != image.width())) {
                throw ModelManifest.fail(path, image.width() + "x" + image.height() + " RGB does not fit input '" + name
                        + "' of " + c.file() + " " + Arrays.toString(shape) + " (expected [b, 3, height, width])");
            }
        } catch (OrtException e) {
            throw new ModelDirectoryException("cannot inspect " + c.file() + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The execution provider the sessions run on: {@code cpu} or {@code cuda:N}. */
    @Override
    public String provider() {
        return provider;
    }

    /** The instruction encoder, or null when the manifest declares none. */
    @Override
    public ConceptEncoder instructionEncoder() {
        return instructionEncoder;
    }

    @Override
    public ConceptEncoder conceptEncoder() {
        return require(conceptEncoder, "conceptEncoder");
    }

    /**
     * The concepts this bundle's concept encoder knows: its vocabulary's words, by token id
     * (the reference models: eight colour words; a concept may combine several, space-separated). Empty
     * for an open vocabulary, i.e. a tokenizer that accepts any text (SAM 3's).
     */
    @Override
    public List<String> concepts() {
        return conceptEncoder().knownConcepts();
    }

    @Override
    public Detector detector() {
        return require(detector, "detector");
    }

    @Override
    public MaskletTracker tracker() {
        return require(tracker, "tracker");
    }

    private <T> T require(T role, String name) {
        if (closed) {
            throw new IllegalStateException("model bundle is closed");
        }
        if (role == null) {
            throw new IllegalStateException(directory + "/" + ModelManifest.FILE_NAME + " has no '" + name + "' role");
        }
        return role;
    }

    /** Releases this bundle's references on the shared sessions. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            handles.forEach(SharedSessions.Handle::close);
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (instructionTokenizer != null) {
                instructionTokenizer.close();
            }
        }
    }
}
