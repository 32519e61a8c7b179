package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The manifest fields a SAM 3 export needs — the HuggingFace tokenizer and the decoder's geometry prompt
 * inputs — each reject a mistake with a message naming the field. Edits of {@code docs/models/sam3-detector.model.json}.
 */
class Sam3ManifestValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String edited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(
                Files.readString(ExampleManifestsTest.docsModels().resolve("sam3-detector.model.json")));
        edit.accept(root);
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode tokenizer(ObjectNode root) {
        return (ObjectNode) root.get("roles").get("conceptEncoder").get("tokenizer");
    }

    private static ObjectNode detector(ObjectNode root) {
        return (ObjectNode) root.get("roles").get("detector");
    }

    private static void assertRejected(Consumer<ObjectNode> edit, String message) throws Exception {
        String json = edited(edit);
        assertThatThrownBy(() -> ModelManifest.parse(json)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theDocumentedManifestCarriesTheTokenizerAndGeometryPromptFields() throws Exception {
        ModelManifest m = ModelManifest.parse(edited(root -> { }));
        assertThat(m.conceptEncoder().tokenizer().file()).isEqualTo("tokenizer.json");
        assertThat(m.conceptEncoder().tokenizer().padToken()).isEqualTo("<|endoftext|>");
        assertThat(m.detector().decoder().input("promptMask").name()).isEqualTo("text_mask");
        assertThat(m.detector().decoder().input("boxes").name()).isEqualTo("input_boxes");
        assertThat(m.detector().decoder().input("boxLabels").name()).isEqualTo("input_boxes_labels");
        assertThat(m.detector().paddingBoxLabel()).isEqualTo(-10);
    }

    @Test
    void thePadTokenAndPaddingBoxLabelHaveDefaults() throws Exception {
        ModelManifest m = ModelManifest.parse(edited(root -> {
            tokenizer(root).remove("padToken");
            detector(root).remove("paddingBoxLabel");
        }));
        assertThat(m.conceptEncoder().tokenizer().padToken()).isNull();
        assertThat(m.detector().paddingBoxLabel()).isEqualTo(-10);
    }

    @Test
    void aTokenizerWithoutFileIsRejected() throws Exception {
        assertRejected(root -> tokenizer(root).remove("file"),
                "model.json: roles.conceptEncoder.tokenizer.file: missing");
    }

    @Test
    void aTokenizerFileOutsideTheModelDirectoryIsRejected() throws Exception {
        assertRejected(root -> tokenizer(root).put("file", "../tokenizer.json"),
                "model.json: roles.conceptEncoder.tokenizer.file: must be a plain file name inside the model directory");
    }

    @Test
    void aContextTooShortForStartAndEndTokensIsRejected() throws Exception {
        assertRejected(root -> tokenizer(root).put("contextLength", 1),
                "model.json: roles.conceptEncoder.tokenizer.contextLength: must hold the start and end tokens");
    }

    @Test
    void lowerCasingIsTheTokenizerFilesBusinessNotTheManifests() throws Exception {
        assertRejected(root -> tokenizer(root).put("lowercase", true),
                "model.json: roles.conceptEncoder.tokenizer.lowercase: unknown field (allowed: contextLength, file, "
                        + "kind, padToken)");
    }

    @Test
    void boxesWithoutBoxLabelsAreRejected() throws Exception {
        assertRejected(root -> ((ObjectNode) detector(root).get("decoder").get("inputs")).remove("boxLabels"),
                "model.json: roles.detector.decoder.inputs.boxLabels: missing (geometry prompt inputs come as a pair");
    }

    @Test
    void aNonIntegerPaddingBoxLabelIsRejected() throws Exception {
        assertRejected(root -> detector(root).put("paddingBoxLabel", 0.5),
                "model.json: roles.detector.paddingBoxLabel: must be an integer, got 0.5");
    }
}
