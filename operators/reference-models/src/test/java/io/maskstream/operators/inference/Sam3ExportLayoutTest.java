package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maskstream.kit.reference.MiniatureSam3Export;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM 3 three-file export path end to end: {@code docs/models/sam3-detector.model.json} (image size changed to
 * the miniature's) over {@link MiniatureSam3Export}'s files and a CLIP-style tokenizer.json, opened by
 * {@link ModelBundle}, run through {@link ConceptEncoder} and {@link Detector} on a 64×64 frame with a red square
 * in the left half and a blue square in the right half. The weights are hand-set, so the detections are known.
 */
class Sam3ExportLayoutTest {
    private static final int FRAME = 64;
    /** sigmoid(4): the miniature's query logit (4 × mask max of +1) and its presence logit (6 − 20 × 0.1). */
    private static final double SIGMOID_4 = 1 / (1 + Math.exp(-4));
    private static final Mask RED_SQUARE = upsampledSquare(8, 16, 24, 32);
    private static final Mask BLUE_SQUARE = upsampledSquare(40, 32, 56, 48);

    /**
     * What bilinear upsampling (pixel centres aligned, as OpenCV's INTER_LINEAR) of a ±1 logit square of 4×4-pixel
     * cells gives at logit 0: the square itself, edges exact, but each corner pixel lost — there three of the four
     * cells it interpolates are −1 (value −0.21875).
     */
    private static Mask upsampledSquare(int x0, int y0, int x1, int y1) {
        boolean[][] rows = new boolean[FRAME][FRAME];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                boolean corner = (x == x0 || x == x1 - 1) && (y == y0 || y == y1 - 1);
                rows[y][x] = !corner;
            }
        }
        return Mask.fromRows(rows);
    }

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeExport() throws Exception {
        write(dir, "xyxy-normalised");
    }

    static void write(Path target, String boxFormat) throws Exception {
        ClipTokenizerJson.write(target, "tokenizer.json");
        MiniatureSam3Export.write(target, Map.of(
                ClipTokenizerJson.RED, new float[] {1, -1, -1, 0},
                ClipTokenizerJson.GREEN, new float[] {-1, 1, -1, 0},
                ClipTokenizerJson.BLUE, new float[] {-1, -1, 1, 0},
                ClipTokenizerJson.CAR, new float[] {0, 0, 0, -1},
                ClipTokenizerJson.END, new float[] {0, 0, 0, -0.1f}), ClipTokenizerJson.VOCABULARY_SIZE);
        String manifest = Files.readString(ExampleManifestsTest.docsModels().resolve("sam3-detector.model.json"))
                .replace("\"width\": 1008, \"height\": 1008", "\"width\": 32, \"height\": 32")
                .replace("\"boxFormat\": \"xyxy-normalised\"", "\"boxFormat\": \"" + boxFormat + "\"");
        assertThat(manifest).contains("\"width\": 32");
        Files.writeString(target.resolve(ModelManifest.FILE_NAME), manifest);
    }

    private static RgbImage frame() {
        byte[] rgb = new byte[FRAME * FRAME * 3];
        paint(rgb, 8, 16, 24, 32, 0);
        paint(rgb, 40, 32, 56, 48, 2);
        return new RgbImage(FRAME, FRAME, rgb);
    }

    private static void paint(byte[] rgb, int x0, int y0, int x1, int y1, int channel) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                rgb[3 * (y * FRAME + x) + channel] = (byte) 255;
            }
        }
    }

    private static List<Detection> detect(ModelBundle bundle, String concept) {
        return bundle.detector().detect(frame(), List.of(bundle.conceptEncoder().encode(concept)));
    }

    @Test
    void theTextEncoderGetsClipIdsAndItsMaskReachesTheEmbeddingUnchanged() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            ConceptTokenizer.Tokens tokens = bundle.conceptEncoder().tokenize("Red");
            assertThat(Arrays.copyOf(tokens.ids(), 4)).containsExactly(
                    ClipTokenizerJson.START, ClipTokenizerJson.RED, ClipTokenizerJson.END, ClipTokenizerJson.END);
            ConceptEmbedding e = bundle.conceptEncoder().encode("Red");
            assertThat(e.features().shape()).containsExactly(1, MiniatureSam3Export.CONTEXT, 4);
            boolean[] padding = new boolean[MiniatureSam3Export.CONTEXT];
            Arrays.fill(padding, 3, padding.length, true); // the export's text_mask: true marks padding
            assertThat(e.tokenMask()).containsExactly(padding);
        }
    }

    @Test
    void aPromptedColourGivesOneDetectionWithTheQueryBoxTheUpsampledMaskAndTheGatedScore() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            List<Detection> red = detect(bundle, "red");
            assertThat(red).hasSize(1);
            Detection d = red.get(0);
            assertThat(d.concept()).isEqualTo("red");
            assertThat(d.box()).isEqualTo(new Box(8, 16, 24, 32));
            assertThat(d.mask()).isEqualTo(RED_SQUARE);
            assertThat((double) d.score()).isCloseTo(SIGMOID_4 * SIGMOID_4, within(1e-5));

            List<Detection> blue = detect(bundle, "blue");
            assertThat(blue).hasSize(1);
            assertThat(blue.get(0).box()).isEqualTo(new Box(40, 32, 56, 48));
            assertThat(blue.get(0).mask()).isEqualTo(BLUE_SQUARE);
        }
    }

    @Test
    void anAbsentColourGivesNoDetection() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            assertThat(detect(bundle, "green")).isEmpty();
        }
    }

    @Test
    void aLowPresenceSuppressesQueriesThatWouldPassOnTheirOwn() {
        // "car" drives the presence logit to 6 − 20 × 1.1 = −16 while the red query still scores logit 4.
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            assertThat(detect(bundle, "red car")).isEmpty();
            InferenceSettings permissive = new InferenceSettings(Device.CPU, 1, 1, 0f);
            try (ModelBundle all = ModelBundle.open(dir, permissive)) {
                List<Detection> ungated = detect(all, "red car");
                assertThat(ungated).hasSize(MiniatureSam3Export.QUERIES);
                assertThat(ungated.get(0).mask()).isEqualTo(RED_SQUARE);
                assertThat((double) ungated.get(0).score()).isCloseTo(SIGMOID_4 / (1 + Math.exp(16)), within(1e-9));
            }
        }
    }

    @Test
    void centreSizeBoxesAreConvertedToCornersAndClippedToTheFrame(@TempDir Path other) throws Exception {
        write(other, "cxcywh-normalised");
        try (ModelBundle bundle = ModelBundle.open(other, InferenceSettings.defaults())) {
            // (0.125, 0.25, 0.375, 0.5) as centre and size → x from -0.0625 (clipped) to 0.3125, y 0 to 0.5.
            assertThat(detect(bundle, "red").get(0).box()).isEqualTo(new Box(0, 0, 20, 32));
        }
    }

    private static List<Detection> detect(ModelBundle bundle, String concept, Exemplar... exemplars) {
        return bundle.detector().detect(frame(), List.of(bundle.conceptEncoder().encode(concept)),
                Map.of(concept, List.of(exemplars)));
    }

    @Test
    void anExemplarBoxReachesTheDecoderAsCentreAndSizeNormalisedToTheFrame(@TempDir Path other) throws Exception {
        write(other, "cxcywh-normalised");
        try (ModelBundle bundle = ModelBundle.open(other, InferenceSettings.defaults())) {
            Box drawn = new Box(6, 10, 30, 42);
            Exemplar e = bundle.detector().exemplar(frame(), drawn, true);
            // The miniature echoes its first input box as q0's box, read back in the manifest's centre-size format.
            assertThat(detect(bundle, "red", e).get(0).box()).isEqualTo(drawn);
        }
    }

    @Test
    void aPositiveExemplarGetsLabelOneAndLiftsAPresenceTheTextAloneLacks() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            assertThat(detect(bundle, "red car")).isEmpty();
            Exemplar positive = bundle.detector().exemplar(frame(), new Box(8, 16, 24, 32), true);
            List<Detection> found = detect(bundle, "red car", positive);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).mask()).isEqualTo(RED_SQUARE);
        }
    }

    @Test
    void aNegativeExemplarGetsLabelZeroAndTakesTheConceptAway() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            Exemplar negative = bundle.detector().exemplar(frame(), new Box(8, 16, 24, 32), false);
            assertThat(detect(bundle, "red", negative)).isEmpty();
            assertThat(detect(bundle, "red")).hasSize(1);
        }
    }

    @Test
    void anImageOnlyConceptIsSam3sPlaceholderTextVisual() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            ConceptEmbedding imageOnly = bundle.conceptEncoder().encodeImageOnly("image:1");
            ConceptEmbedding visual = bundle.conceptEncoder().encode("visual");
            assertThat(imageOnly.concept()).isEqualTo("image:1");
            assertThat(imageOnly.features()).isEqualTo(visual.features());
            assertThat(imageOnly.tokenMask()).containsExactly(visual.tokenMask());
        }
    }

    @Test
    void aManifestThatLeavesTheGeometryPromptInputsOutIsRejectedAtOpen(@TempDir Path other) throws Exception {
        write(other, "xyxy-normalised");
        Path m = other.resolve(ModelManifest.FILE_NAME);
        Files.writeString(m, Files.readString(m)
                .replace(",\n          \"boxes\": {\"name\": \"input_boxes\", \"rank\": 3},\n"
                        + "          \"boxLabels\": {\"name\": \"input_boxes_labels\", \"rank\": 2}", ""));
        assertThatThrownBy(() -> ModelBundle.open(other, InferenceSettings.defaults()))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.detector.decoder.inputs: geo-encoder-mask-decoder.onnx has input "
                        + "'input_boxes' that no key names (ONNX Runtime needs every input fed)");
    }

    @Test
    void aMissingTokenizerFileIsNamedAtOpen(@TempDir Path other) throws Exception {
        write(other, "xyxy-normalised");
        Files.delete(other.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelBundle.open(other, InferenceSettings.defaults()))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.conceptEncoder.tokenizer.file: tokenizer.json not found in " + other);
    }
}
