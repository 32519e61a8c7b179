package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restructured reference image decoder (separable distances, a prompt batch axis) computes the
 * same bits as the former one-prompt graph, and a batch item padded with label −1 the same bits as the
 * item alone: masks and object pointers, and with them every tracker output, stay byte-identical.
 */
class ImageDecoderEquivalenceTest {
    private static final String[] OUTPUTS = {"pred_mask", "mask_for_mem", "obj_ptr"};
    private static final int W = ReferenceModels.INPUT_WIDTH;
    private static final int H = ReferenceModels.INPUT_HEIGHT;

    @TempDir
    static Path dir;
    private static OrtEnvironment env;
    private static OrtSession legacy;
    private static OrtSession shipped;
    private static float[] hr0;
    private static float[] hr1;
    private static float[] embed;

    @BeforeAll
    static void open() throws Exception {
        LegacyImageDecoder.build(dir.resolve("legacy.onnx"));
        ReferenceModels.imageDecoder(dir.resolve("shipped.onnx"));
        env = OrtEnvironment.getEnvironment();
        legacy = env.createSession(dir.resolve("legacy.onnx").toString(), new OrtSession.SessionOptions());
        shipped = env.createSession(dir.resolve("shipped.onnx").toString(), new OrtSession.SessionOptions());
        // A frame of coloured blocks with noise, in the normalised [-1, 1] pixel space.
        Random random = new Random(7);
        hr0 = new float[3 * H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int block = (y / 40) * 8 + x / 40;
                for (int c = 0; c < 3; c++) {
                    float base = ((block * (c + 3)) % 7) / 3.5f - 1f;
                    hr0[c * H * W + y * W + x] = base + 0.05f * (float) random.nextGaussian();
                }
            }
        }
        hr1 = new float[3 * (H / 2) * (W / 2)];
        for (int i = 0; i < hr1.length; i++) {
            hr1[i] = random.nextFloat() * 2f - 1f;
        }
        embed = new float[ReferenceModels.KEY_CHANNELS * ReferenceModels.GRID_HEIGHT * ReferenceModels.GRID_WIDTH];
        for (int i = 0; i < embed.length; i++) {
            embed[i] = random.nextFloat();
        }
    }

    @AfterAll
    static void close() throws OrtException {
        legacy.close();
        shipped.close();
    }

    private record Prompt(float[] coords, float[] labels) {}

    /** Boxes (fractional, thin, clipped), positive and negative points, an object-pointer style prompt. */
    private static List<Prompt> prompts() {
        List<Prompt> out = new ArrayList<>();
        out.add(new Prompt(new float[] {40f, 40f, 119.5f, 79.5f}, new float[] {2f, 3f}));
        out.add(new Prompt(new float[] {10.3f, 200.7f, 300.2f, 238.9f}, new float[] {2f, 3f}));
        out.add(new Prompt(new float[] {100f, 100f, 101f, 180f}, new float[] {2f, 3f})); // too thin for a centre
        out.add(new Prompt(new float[] {-20f, -5f, 30f, 25f}, new float[] {2f, 3f}));
        out.add(new Prompt(new float[] {60.5f, 60.5f, 200.25f, 120.75f, 62f, 61f}, new float[] {1f, 0f, 1f}));
        out.add(new Prompt(new float[] {5f, 5f}, new float[] {0f}));
        float[] coords = new float[32];
        float[] labels = new float[16];
        for (int i = 0; i < 16; i++) {
            coords[2 * i] = (170 + (i % 4) * 3 + 0.5f) * (320f / 352f);
            coords[2 * i + 1] = (90 + (i / 4) * 3 + 0.5f) * (240f / 288f);
            labels[i] = 1f;
        }
        out.add(new Prompt(coords, labels));
        out.add(new Prompt(new float[] {315.5f, 235.5f}, new float[] {1f}));
        return out;
    }

    @Test
    void everyOutputHasTheBitsOfTheFormerGraph() throws OrtException {
        for (Prompt p : prompts()) {
            Map<String, float[]> before = run(legacy, List.of(p));
            Map<String, float[]> after = run(shipped, List.of(p));
            for (String output : OUTPUTS) {
                if (output.equals("obj_ptr")) {
                    // The pointer gained the object's centre (channels 4, 5) in place of the old graph's
                    // always-zero channel 4; colour and presence keep their bits.
                    assertThat(bits(java.util.Arrays.copyOf(after.get(output), 4)))
                            .as(output).isEqualTo(bits(java.util.Arrays.copyOf(before.get(output), 4)));
                    assertThat(before.get(output)[4]).isZero();
                } else {
                    assertThat(bits(after.get(output))).as(output).isEqualTo(bits(before.get(output)));
                }
            }
        }
    }

    @Test
    void theObjectPointerCarriesTheCentreOfTheObjectsPixels() throws OrtException {
        for (Prompt p : prompts()) {
            float[] pointer = run(shipped, List.of(p)).get("obj_ptr");
            assertThat(pointer).hasSize(ReferenceModels.POINTER_CHANNELS);
            if (pointer[3] == 1f) { // present: the centre lies inside the frame
                assertThat(pointer[4]).isBetween(0f, (float) ReferenceModels.INPUT_WIDTH);
                assertThat(pointer[5]).isBetween(0f, (float) ReferenceModels.INPUT_HEIGHT);
            } else {
                assertThat(pointer[4]).isZero();
                assertThat(pointer[5]).isZero();
            }
        }
    }

    @Test
    void aBatchOfPromptsPaddedWithMinusOneGivesEachPromptsOwnBits() throws OrtException {
        List<Prompt> prompts = prompts();
        Map<String, float[]> batch = run(shipped, prompts);
        for (int b = 0; b < prompts.size(); b++) {
            Map<String, float[]> alone = run(shipped, List.of(prompts.get(b)));
            for (String output : OUTPUTS) {
                float[] all = batch.get(output);
                int n = alone.get(output).length;
                float[] item = java.util.Arrays.copyOfRange(all, b * n, (b + 1) * n);
                assertThat(bits(item)).as(output + " of prompt " + b).isEqualTo(bits(alone.get(output)));
            }
        }
        assertThat(batch.get("obj_ptr")).hasSize(prompts.size() * ReferenceModels.POINTER_CHANNELS);
        // Not vacuous: some prompts find an object (presence 1 in channel 3), some masks have pixels on.
        assertThat(batch.get("obj_ptr")[6 * ReferenceModels.POINTER_CHANNELS + 3]).isEqualTo(1f);
        int on = 0;
        for (float v : batch.get("pred_mask")) {
            on += v > 0f ? 1 : 0;
        }
        assertThat(on).isPositive();
    }

    @Test
    void requestingOnlyTheObjectPointerGivesTheBitsOfTheFullRun() throws OrtException {
        for (Prompt p : prompts()) {
            float[] full = run(shipped, List.of(p)).get("obj_ptr");
            Map<String, float[]> only = run(shipped, List.of(p), java.util.Set.of("obj_ptr"));
            assertThat(only).containsOnlyKeys("obj_ptr");
            assertThat(bits(only.get("obj_ptr"))).isEqualTo(bits(full));
        }
    }

    private static Map<String, float[]> run(OrtSession session, List<Prompt> prompts) throws OrtException {
        return run(session, prompts, java.util.Set.of(OUTPUTS));
    }

    /** Runs the prompts as one batch, each padded to the longest with point (0, 0) and label −1. */
    private static Map<String, float[]> run(OrtSession session, List<Prompt> prompts, java.util.Set<String> outputs)
            throws OrtException {
        int points = 0;
        for (Prompt p : prompts) {
            points = Math.max(points, p.labels().length);
        }
        float[] coords = new float[prompts.size() * points * 2];
        float[] labels = new float[prompts.size() * points];
        java.util.Arrays.fill(labels, -1f);
        for (int b = 0; b < prompts.size(); b++) {
            Prompt p = prompts.get(b);
            System.arraycopy(p.coords(), 0, coords, b * points * 2, p.coords().length);
            System.arraycopy(p.labels(), 0, labels, b * points, p.labels().length);
        }
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        in.put("point_coords", OnnxTensor.createTensor(env, FloatBuffer.wrap(coords), new long[] {prompts.size(), points, 2}));
        in.put("point_labels", OnnxTensor.createTensor(env, FloatBuffer.wrap(labels), new long[] {prompts.size(), points}));
        in.put("image_embed", OnnxTensor.createTensor(env, FloatBuffer.wrap(embed),
                new long[] {1, ReferenceModels.KEY_CHANNELS, ReferenceModels.GRID_HEIGHT, ReferenceModels.GRID_WIDTH}));
        in.put("high_res_feats_0", OnnxTensor.createTensor(env, FloatBuffer.wrap(hr0), new long[] {1, 3, H, W}));
        in.put("high_res_feats_1", OnnxTensor.createTensor(env, FloatBuffer.wrap(hr1), new long[] {1, 3, H / 2, W / 2}));
        try (OrtSession.Result r = session.run(in, outputs)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (String name : outputs) {
                FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                out.put(name, data);
            }
            return out;
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
