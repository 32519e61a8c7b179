package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.image.Images;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.operators.inference.ModelManifest;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Mask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model hook of instructions: a model directory whose manifest declares an {@code instructionEncoder}
 * (here a miniature ONNX of that layout) sends instructions to the model, as detection prompts; without
 * one the grammar resolves them.
 */
class InstructionEncoderManifestTest {
    private static final int FRAMES = 24;
    private static final int BLUE = 2; // the crossing scene's blue square

    @TempDir
    static Path withEncoder;

    @TempDir
    static Path without;

    private static SyntheticScene scene;

    @BeforeAll
    static void build() throws Exception {
        ReferenceModels.build(withEncoder);
        MiniatureInstructionEncoder.addTo(withEncoder);
        ReferenceModels.build(without);
        scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
    }

    private static ModelBundle open(Path dir) {
        return ModelBundle.open(dir, InferenceOptions.settings(new Configuration()));
    }

    @Test
    void theManifestDeclaresTheRoleAndTheBundleOpensIt() {
        try (ModelBundle models = open(withEncoder)) {
            assertThat(ModelManifest.read(withEncoder.resolve("model.json")).instructionEncoder()).isNotNull();
            assertThat(models.instructionEncoder()).isNotNull();
        }
        try (ModelBundle models = open(without)) {
            assertThat(models.instructionEncoder()).isNull();
        }
    }

    @Test
    void theKitTheJobOpensWithDetectorScalesKeepsTheInstructionEncoder() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_DIR, withEncoder.toString());
        conf.set(InferenceOptions.DETECTOR_TTA_SCALES, "1.0,1.5");
        try (io.maskstream.operators.inference.ModelKit kit = io.maskstream.operators.inference.ModelKits.open(conf)) {
            assertThat(kit.detector()).isInstanceOf(io.maskstream.operators.inference.MultiScaleDetector.class);
            assertThat(kit.instructionEncoder()).isNotNull();
        }
    }

    @Test
    void anInstructionEncoderWithoutDetectorIsRefusedNamingTheRole() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(withEncoder.resolve("model.json").toFile());
        ((ObjectNode) manifest.get("roles")).remove("detector");
        assertThatThrownBy(() -> ModelManifest.parse(json.writeValueAsString(manifest)))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.instructionEncoder: needs a detector to consume its features (roles.detector)");
    }

    @Test
    void withAnInstructionEncoderTheModelDetectsWhatTheInstructionNames() throws Exception {
        List<MaskletFrame> out = run(withEncoder, "the blue object");
        List<MaskletObject> named = out.get(FRAMES - 1).objects().stream()
                .filter(o -> o.instructions().contains("follow")).toList();
        assertThat(named).extracting(MaskletObject::concept).containsExactly("instruction: the blue object");
        Mask mask = named.get(0).mask().toRle().decode();
        assertThat(mask.iou(scene.visibleMask(BLUE, FRAMES - 1))).isGreaterThan(0.8);
    }

    @Test
    void withoutAnInstructionEncoderTheGrammarResolvesTheInstructionOverTheMasklets() throws Exception {
        // no concepts prompted: the grammar has no masklets to select from, and the model is not asked
        List<MaskletFrame> out = run(without, "the blue object");
        assertThat(out).allSatisfy(f -> assertThat(f.objects()).isEmpty());
    }

    @Test
    void anInstructionTheEncoderCannotRepresentIsABadInstruction() throws Exception {
        try (ModelBundle models = open(withEncoder)) {
            LocalStreamRunner runner = runner(models);
            runner.prompt(PromptCommand.addInstruction("s", "the purple object", null, 0L));
            assertThat(runner.rejections()).containsExactly("bad-instruction");
        }
    }

    private static LocalStreamRunner runner(ModelBundle models) {
        TrackerSettings settings = TrackerSettings.paper();
        return new LocalStreamRunner("s", new StreamProcessor(models, settings), settings, List.of());
    }

    private static List<MaskletFrame> run(Path dir, String instruction) throws Exception {
        List<MaskletFrame> out = new ArrayList<>();
        try (ModelBundle models = open(dir)) {
            LocalStreamRunner runner = runner(models);
            runner.prompt(PromptCommand.addInstruction("s", instruction, "follow", 0L));
            for (int i = 0; i < FRAMES; i++) {
                runner.process(FrameRecord.frame("s", i, 0, 1000L + 33L * i, scene.width(), scene.height(),
                        FrameEncoding.JPEG, Images.encodeJpeg(scene.frame(i), 90)), out::add);
            }
            runner.finish(out::add);
            assertThat(runner.rejections()).isEmpty();
        }
        assertThat(out).hasSize(FRAMES);
        return out;
    }
}
