package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.Detector;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference detector takes several frames per call, each with exactly the detections of a call of its own. */
class BatchedDetectorTest {
    private static final int FRAMES = 6;
    private static ModelBundle batched;
    private static ModelBundle unbatched;
    private static Path unbatchedDir;
    private static List<RgbImage> frames;

    @BeforeAll
    static void open() throws Exception {
        batched = ReferenceModels.bundle(InferenceSettings.defaults());
        unbatchedDir = Files.createTempDirectory("unbatched-detector-");
        ReferenceModels.build(unbatchedDir);
        ReferenceModels.buildDetectorWithoutBatchAxis(unbatchedDir);
        Path manifest = unbatchedDir.resolve("model.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"batchAxis\": true,\n      \"visionEncoder\"",
                "\"visionEncoder\""));
        unbatched = ModelBundle.open(unbatchedDir, InferenceSettings.defaults());
        SyntheticScene scene = Scenarios.grid(6, SceneSettings.defaults().withFrameCount(FRAMES * 5));
        frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add(scene.frame(i * 5));
        }
    }

    @AfterAll
    static void close() {
        batched.close();
        unbatched.close();
    }

    private static List<ConceptEmbedding> concepts(ModelBundle models, String... names) {
        List<ConceptEmbedding> out = new ArrayList<>();
        for (String n : names) {
            out.add(models.conceptEncoder().encode(n));
        }
        return out;
    }

    @Test
    void manifestDeclaresTheDetectorBatchAxis() {
        assertThat(batched.detector().batchesFrames()).isTrue();
        assertThat(unbatched.detector().batchesFrames()).isFalse();
    }

    @Test
    void aBatchGivesEachFrameTheDetectionsOfItsOwnCall() {
        List<Detector.Request> requests = new ArrayList<>();
        List<List<Detection>> alone = new ArrayList<>();
        String[][] conceptSets = {{"red", "green", "blue"}, {"red", "green", "blue"}, {"yellow"},
            {"red", "green", "blue"}, {}, {"yellow"}};
        for (int i = 0; i < FRAMES; i++) {
            List<ConceptEmbedding> c = concepts(batched, conceptSets[i]);
            requests.add(new Detector.Request(frames.get(i), c));
            alone.add(batched.detector().detect(frames.get(i), c));
        }
        List<List<Detection>> together = batched.detector().detect(requests);
        assertThat(together).isEqualTo(alone);
        assertThat(together.get(0)).isNotEmpty();
    }

    @Test
    void theBatchAxisChangedNoDetectionOfTheSingleFrameGraphs() {
        String[] all = ReferenceModels.CONCEPT_COLOURS.keySet().toArray(String[]::new);
        List<Detector.Request> requests = new ArrayList<>();
        for (RgbImage f : frames) {
            requests.add(new Detector.Request(f, concepts(batched, all)));
        }
        List<List<Detection>> together = batched.detector().detect(requests);
        for (int i = 0; i < FRAMES; i++) {
            List<Detection> before = unbatched.detector().detect(frames.get(i), concepts(unbatched, all));
            assertThat(together.get(i)).as("frame %d", i).isEqualTo(before);
            assertThat(batched.detector().detect(frames.get(i), concepts(batched, all))).isEqualTo(before);
        }
    }

    @Test
    void withoutABatchAxisABatchRunsFrameByFrame() {
        List<Detector.Request> requests = new ArrayList<>();
        for (RgbImage f : frames) {
            requests.add(new Detector.Request(f, concepts(unbatched, "red", "cyan")));
        }
        List<List<Detection>> together = unbatched.detector().detect(requests);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(together.get(i)).isEqualTo(unbatched.detector().detect(frames.get(i), concepts(unbatched, "red", "cyan")));
        }
    }

    @Test
    void aBatchAxisOnGraphsWithAFixedBatchIsRejected(@TempDir Path dir) throws Exception {
        ReferenceModels.build(dir);
        ReferenceModels.buildDetectorWithoutBatchAxis(dir);
        assertThatThrownBy(() -> ModelBundle.open(dir, InferenceSettings.defaults()).close())
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("roles.detector.batchAxis")
                .hasMessageContaining("vision_encoder.onnx")
                .hasMessageContaining("must be dynamic");
    }
}
