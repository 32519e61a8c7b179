package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example manifests of the two public export layouts parse (their ONNX files are absent). */
class ExampleManifestsTest {
    static Path docsModels() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("docs/models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("docs/models not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void sam3DetectorManifestDescribesTheThreeFileExport() {
        ModelManifest m = ModelManifest.read(docsModels().resolve("sam3-detector.model.json"));
        assertThat(m.tracker()).isNull();
        assertThat(m.conceptEncoder().tokenizer().kind()).isEqualTo("huggingface");
        assertThat(m.conceptEncoder().tokenizer().contextLength()).isEqualTo(32);
        assertThat(m.conceptEncoder().textEncoder().input("inputIds").name()).isEqualTo("input_ids");
        assertThat(m.detector().image().width()).isEqualTo(1008);
        assertThat(m.detector().image().mean()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(m.detector().instances()).isEqualTo("queries");
        assertThat(m.detector().decoder().output("masks").name()).isEqualTo("pred_masks");
        assertThat(m.detector().decoder().output("presence").name()).isEqualTo("presence_logits");
        assertThat(m.detector().decoder().input("fpn2").from()).isEqualTo("fpn2");
        assertThat(m.detector().decoder().input("promptFeatures").name()).isEqualTo("text_features");
        assertThat(m.detector().decoder().input("boxLabels").name()).isEqualTo("input_boxes_labels");
        assertThat(m.detector().boxFormat()).isEqualTo("xyxy-normalised");
        assertThat(m.components()).extracting(ModelManifest.ComponentSpec::file).hasSize(3);
    }

    @Test
    void sam21TrackerManifestDescribesTheFiveFileExport() {
        ModelManifest m = ModelManifest.read(docsModels().resolve("sam21-tracker.model.json"));
        assertThat(m.detector()).isNull();
        ModelManifest.TrackerSpec t = m.tracker();
        assertThat(t.image().width()).isEqualTo(1024);
        assertThat(t.memory().pointerTokensPerPointer()).isEqualTo(4);
        assertThat(t.memoryAttention().input("memory").name()).isEqualTo("memory_1");
        assertThat(t.memoryAttention().input("objectPointers").name()).isEqualTo("memory_0");
        assertThat(t.memoryEncoder().output("temporalCode").name()).isEqualTo("temporal_code");
        assertThat(t.propagateDecoder().output("iou")).isNull();
        assertThat(m.components()).extracting(ModelManifest.ComponentSpec::file).containsExactly(
                "image_encoder.onnx", "image_decoder.onnx", "video_decoder_propagate.onnx",
                "memory_attention.onnx", "memory_encoder.onnx");
    }

    @Test
    void openingAnExampleWithoutItsFilesNamesTheFirstMissingFile(@TempDir Path dir) throws Exception {
        Files.copy(docsModels().resolve("sam21-tracker.model.json"), dir.resolve("model.json"));
        assertThatThrownBy(() -> ModelBundle.open(dir, InferenceSettings.defaults()))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.tracker.imageEncoder.file: image_encoder.onnx not found in " + dir);
    }

    @Test
    void everyExampleParses() throws Exception {
        try (Stream<Path> files = Files.list(docsModels())) {
            assertThat(files.filter(f -> f.toString().endsWith(".model.json")).map(ModelManifest::read).toList())
                    .hasSize(3);
        }
    }

    @Test
    void theCombinedExampleIsExactlyTheRolesOfTheTwoSingleExports() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode combined = json.readTree(docsModels().resolve("sam3-detector-sam21-tracker.model.json").toFile())
                .get("roles");
        JsonNode sam3 = json.readTree(docsModels().resolve("sam3-detector.model.json").toFile()).get("roles");
        JsonNode sam21 = json.readTree(docsModels().resolve("sam21-tracker.model.json").toFile()).get("roles");
        assertThat(combined.get("conceptEncoder")).isEqualTo(sam3.get("conceptEncoder"));
        assertThat(combined.get("detector")).isEqualTo(sam3.get("detector"));
        assertThat(combined.get("tracker")).isEqualTo(sam21.get("tracker"));
        assertThat(combined.size()).isEqualTo(3);
    }
}
