package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.kit.reference.ReferenceModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake in a model directory gives its own message naming the file and the field. */
class ModelDirectoryValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildReference() {
        ReferenceModels.build(reference);
    }

    private Path copy() throws Exception {
        try (Stream<Path> files = Files.list(reference)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private Path withManifest(Consumer<ObjectNode> edit) throws Exception {
        Path d = copy();
        ObjectNode root = (ObjectNode) JSON.readTree(d.resolve("model.json").toFile());
        edit.accept(root);
        Files.writeString(d.resolve("model.json"), JSON.writeValueAsString(root));
        return d;
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode n = root;
        for (String p : path) {
            n = (ObjectNode) n.get(p);
        }
        return n;
    }

    private static void assertOpenFails(Path d, String... fragments) {
        assertThatThrownBy(() -> ModelBundle.open(d, InferenceSettings.defaults()).close())
                .isInstanceOf(ModelDirectoryException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void theReferenceDirectoryOpens() throws Exception {
        try (ModelBundle b = ModelBundle.open(copy(), InferenceSettings.defaults())) {
            assertThat(b.manifest().name()).isEqualTo("maskstream-reference");
        }
    }

    @Test
    void theReferenceModelsKnowEightColourWordsAsConcepts() throws Exception {
        try (ModelBundle b = ModelBundle.open(copy(), InferenceSettings.defaults())) {
            assertThat(b.concepts()).containsExactly("red", "green", "blue", "yellow", "cyan", "magenta", "white",
                    "orange");
            b.conceptEncoder().check("green white");
            assertThatThrownBy(() -> b.conceptEncoder().check("person")).isInstanceOf(UnknownConceptException.class)
                    .hasMessageContaining("'person'");
        }
    }

    @Test
    void missingManifest() throws Exception {
        Path d = copy();
        Files.delete(d.resolve("model.json"));
        assertOpenFails(d, "model.json: not found in");
    }

    @Test
    void missingOnnxFile() throws Exception {
        Path d = copy();
        Files.delete(d.resolve("memory_attention.onnx"));
        assertOpenFails(d, "model.json: roles.tracker.memoryAttention.file: memory_attention.onnx not found in");
    }

    @Test
    void unknownRole() throws Exception {
        Path d = withManifest(root -> at(root, "roles").putObject("segmenter"));
        assertOpenFails(d, "model.json: roles.segmenter: unknown role (known: conceptEncoder, detector, tracker, instructionEncoder)");
    }

    @Test
    void tensorNameNotInTheOnnxFile() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "memoryAttention", "inputs", "memory")
                .put("name", "memory"));
        assertOpenFails(d, "model.json: roles.tracker.memoryAttention.inputs.memory: tensor 'memory' not in "
                + "memory_attention.onnx (has: current_vision_feat, current_vision_pos_embed, memory_0, memory_1, "
                + "memory_pos_embed, memory_valid, obj_ptr_offsets)");
    }

    @Test
    void outputNameNotInTheOnnxFile() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "detector", "decoder", "outputs", "masks")
                .put("name", "masks"));
        assertOpenFails(d, "model.json: roles.detector.decoder.outputs.masks: tensor 'masks' not in decoder.onnx (has: ");
    }

    @Test
    void wrongRank() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "memoryEncoder", "outputs", "posEnc")
                .put("rank", 2));
        assertOpenFails(d, "model.json: roles.tracker.memoryEncoder.outputs.posEnc: tensor 'maskmem_pos_enc' in "
                + "memory_encoder.onnx has rank 3", "manifest says 2");
    }

    @Test
    void anInputTheManifestDoesNotName() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "memoryAttention", "inputs").remove("objectPointers"));
        assertOpenFails(d, "model.json: roles.tracker.memoryAttention.inputs: memory_attention.onnx has input "
                + "'memory_0' that no key names");
    }

    @Test
    void missingRequiredTensorKey() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "memoryEncoder", "inputs").remove("mask"));
        assertOpenFails(d, "model.json: roles.tracker.memoryEncoder.inputs.mask: missing");
    }

    @Test
    void unknownTensorKey() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "propagateDecoder", "outputs")
                .putObject("lowResMasks").put("name", "x").put("rank", 4));
        assertOpenFails(d, "model.json: roles.tracker.propagateDecoder.outputs.lowResMasks: unknown tensor key");
    }

    @Test
    void badMean() throws Exception {
        Path d = withManifest(root -> {
            ArrayNode mean = at(root, "roles", "detector", "image").putArray("mean");
            mean.add(127.5).add(127.5).add(127.5);
        });
        assertOpenFails(d, "model.json: roles.detector.image.mean: values must be in [0, 1]");
    }

    @Test
    void badStd() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "image").putArray("std").add(0.5).add(0).add(0.5));
        assertOpenFails(d, "model.json: roles.tracker.image.std: values must be positive");
    }

    @Test
    void meanWithTwoChannels() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "image").putArray("mean").add(0.5).add(0.5));
        assertOpenFails(d, "model.json: roles.tracker.image.mean: must be an array of 3 numbers");
    }

    @Test
    void imageSizeThatDoesNotFitTheEncoder() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "image").put("width", 1024).put("height", 1024));
        assertOpenFails(d, "model.json: roles.tracker.image: 1024x1024 RGB does not fit input 'input' of image_encoder.onnx");
    }

    @Test
    void unknownTokenizerKind() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "conceptEncoder", "tokenizer").put("kind", "sentencepiece"));
        assertOpenFails(d, "model.json: roles.conceptEncoder.tokenizer.kind: unknown tokenizer kind 'sentencepiece'");
    }

    @Test
    void unknownInstanceSeparation() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "detector").put("instances", "watershed"));
        assertOpenFails(d, "model.json: roles.detector.instances: 'watershed' is not one of queries, connected-components");
    }

    @Test
    void decoderInputFromAMissingVisionOutput() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "detector", "decoder", "inputs", "fpn2").put("from", "fpn3"));
        assertOpenFails(d, "model.json: roles.detector.decoder.inputs.fpn2.from: 'fpn3' is not an output of visionEncoder");
    }

    @Test
    void unknownField() throws Exception {
        Path d = withManifest(root -> at(root, "roles", "tracker", "memory").put("slots", 7));
        assertOpenFails(d, "model.json: roles.tracker.memory.slots: unknown field");
    }

    @Test
    void unsupportedFormat() throws Exception {
        Path d = withManifest(root -> root.put("format", "sam/9"));
        assertOpenFails(d, "model.json: format: unsupported format 'sam/9'");
    }

    @Test
    void notJson() throws Exception {
        Path d = copy();
        Files.writeString(d.resolve("model.json"), "{ roles: ");
        assertOpenFails(d, "model.json: not valid JSON");
    }

    @Test
    void cudaWithoutTheCudaProviderFailsAtStartUp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(SharedSessions.cudaAvailable(), "CUDA is present here");
        Path d = copy();
        assertThatThrownBy(() -> ModelBundle.open(d, new InferenceSettings(Device.parse("cuda:0"), 1, 1, 0.5f)))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("model.device=cuda:0 but this ONNX Runtime has no CUDA execution provider");
    }

    @Test
    void autoFallsBackToCpu() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(SharedSessions.cudaAvailable(), "CUDA is present here");
        try (ModelBundle b = ModelBundle.open(copy(), new InferenceSettings(Device.parse("auto"), 1, 1, 0.5f))) {
            assertThat(b.provider()).isEqualTo("cpu");
        }
    }

    @Test
    void sessionsAreSharedBetweenBundlesAndClosedWithTheLast() throws Exception {
        Path d = copy();
        int before = SharedSessions.openSessions();
        ModelBundle a = ModelBundle.open(d, InferenceSettings.defaults());
        int afterFirst = SharedSessions.openSessions();
        ModelBundle b = ModelBundle.open(d, InferenceSettings.defaults());
        assertThat(afterFirst - before).isEqualTo(8);
        assertThat(SharedSessions.openSessions()).isEqualTo(afterFirst);
        a.close();
        assertThat(SharedSessions.openSessions()).isEqualTo(afterFirst);
        b.close();
        assertThat(SharedSessions.openSessions()).isEqualTo(before);
    }
}
