package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskstream.operators.inference.InferenceSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converted ONNX model in ONNX Runtime gives what the original TF.js graph gave (recorded once in Node, see
 * {@link NanoDetReference}) on three frames of the committed vtest excerpt.
 */
class NanoDetConversionITCase {
    private static NanoDet detector;
    private static JsonNode reference;

    @BeforeAll
    static void open() {
        detector = NanoDet.open(InferenceSettings.defaults());
        reference = NanoDetReference.load();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vtest-000", "vtest-075", "vtest-149"})
    void rawOutputsMatchTheTfjsGraphWithin1e3(String frame) {
        NanoDetHeads heads = detector.run(new NanoDetInput().tensor(NanoDetReference.frame(frame)));
        float[] onnx = NanoDetReference.samples(heads);
        JsonNode tfjs = reference.path("frames").path(frame).path("samples");

        assertThat(onnx).hasSize(tfjs.size());
        float worst = 0;
        for (int i = 0; i < onnx.length; i++) {
            worst = Math.max(worst, Math.abs(onnx[i] - (float) tfjs.get(i).asDouble()));
        }
        assertThat(worst).as("max |onnx - tfjs| over %d sampled outputs", onnx.length).isLessThanOrEqualTo(1e-3f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vtest-000", "vtest-075", "vtest-149"})
    void detectionsMatchTheTfjsGraphWithin1PixelAndScore1e3(String frame) {
        NanoDetHeads heads = detector.run(new NanoDetInput().tensor(NanoDetReference.frame(frame)));
        List<CocoDetection> onnx = new ArrayList<>(NanoDetDecoder.decode(heads, NanoDetReference.SOURCE_WIDTH,
                NanoDetReference.SOURCE_HEIGHT, NanoDetDecoder.uniform(NanoDetReference.MIN_SCORE)));
        JsonNode tfjs = reference.path("frames").path(frame).path("detections");

        assertThat(onnx).hasSize(tfjs.size());
        for (JsonNode r : tfjs) {
            CocoDetection match = onnx.stream().filter(d -> matches(d, r)).findFirst().orElse(null);
            assertThat(match).as("ONNX detection matching TF.js %s in %s among %s", r, frame, onnx).isNotNull();
            onnx.remove(match);
        }
        assertThat(tfjs.size()).as("detections on %s", frame).isGreaterThan(0);
    }

    private static boolean matches(CocoDetection d, JsonNode r) {
        return d.classId() == r.get(0).asInt()
                && Math.abs(d.score() - r.get(1).asDouble()) <= 1e-3
                && Math.abs(d.x0() - r.get(2).asDouble()) <= 1
                && Math.abs(d.y0() - r.get(3).asDouble()) <= 1
                && Math.abs(d.x1() - r.get(4).asDouble()) <= 1
                && Math.abs(d.y1() - r.get(5).asDouble()) <= 1;
    }
}
