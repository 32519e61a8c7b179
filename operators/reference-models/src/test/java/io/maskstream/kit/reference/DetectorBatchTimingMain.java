package io.maskstream.kit.reference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.state.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What micro-batching frames of different streams through the detector would gain (not a test): ONNX
 * Runtime time per frame of the reference detector (vision encoder + one decoder call per concept) at
 * batch 1 against a copy of the same graphs with a batch axis over frames, at batch N, in a plain loop.
 * Run like {@code InferenceTimingMain}: {@code ... io.maskstream.kit.reference.DetectorBatchTimingMain 40}.
 */
public final class DetectorBatchTimingMain {
    private static final int[] BATCHES = {1, 2, 4, 8};

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path batched = Files.createTempDirectory("batched-detector-");
        ReferenceModels.buildBatchedDetector(batched);
        SyntheticScene scene = Scenarios.grid(10, SceneSettings.defaults().withFrameCount(frames));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults());
             OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.addConfigEntry("session.set_denormal_as_zero", "1");
            List<ConceptEmbedding> concepts = new ArrayList<>();
            for (String c : scene.concepts()) {
                concepts.add(models.conceptEncoder().encode(c));
            }
            try (OrtSession vision = env.createSession(batched.resolve("vision_encoder.onnx").toString(), o);
                 OrtSession decoder = env.createSession(batched.resolve("decoder.onnx").toString(), o)) {
                long[] nanos = new long[BATCHES.length];
                for (int round = 0; round < 2; round++) { // the first round warms up
                    java.util.Arrays.fill(nanos, 0);
                    for (int start = 0; start + 8 <= frames; start += 8) {
                        for (int k = 0; k < BATCHES.length; k++) {
                            int b = BATCHES[k];
                            for (int from = start; from < start + 8; from += b) {
                                FloatBuffer images = images(scene, from, b);
                                long t0 = System.nanoTime();
                                detect(env, vision, decoder, images, b, concepts);
                                nanos[k] += System.nanoTime() - t0;
                            }
                        }
                    }
                }
                int timed = frames / 8 * 8;
                System.out.printf("reference detector, %d concepts, 320x240, %d frames, intra-op threads 1%n",
                        concepts.size(), timed);
                for (int k = 0; k < BATCHES.length; k++) {
                    System.out.printf("batch %d: %7.2f ms/frame (%.2fx batch 1)%n", BATCHES[k], nanos[k] / 1e6 / timed,
                            (double) nanos[0] / nanos[k]);
                }
            }
        }
    }

    private static FloatBuffer images(SyntheticScene scene, int from, int n) {
        int plane = 320 * 240;
        FloatBuffer b = ByteBuffer.allocateDirect(n * 3 * plane * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n; i++) {
            RgbImage img = scene.frame(from + i);
            byte[] rgb = img.rgb();
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    b.put((i * 3 + c) * plane + p, (rgb[3 * p + c] & 0xff) / 127.5f - 1f);
                }
            }
        }
        return b;
    }

    private static void detect(OrtEnvironment env, OrtSession vision, OrtSession decoder, FloatBuffer images, int n,
                               List<ConceptEmbedding> concepts) throws Exception {
        try (OnnxTensor in = OnnxTensor.createTensor(env, images, new long[] {n, 3, 240, 320});
             OrtSession.Result f = vision.run(Map.of("images", in))) {
            for (ConceptEmbedding c : concepts) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                for (String name : List.of("fpn_feat_0", "fpn_feat_1", "fpn_feat_2", "fpn_pos_2")) {
                    inputs.put(name, (OnnxTensor) f.get(name).orElseThrow());
                }
                boolean[] m = c.tokenMask();
                try (OnnxTensor pf = OnnxTensor.createTensor(env, FloatBuffer.wrap(c.features().data()),
                        c.features().shape());
                     OnnxTensor pm = OnnxTensor.createTensor(env, new boolean[][] {m})) {
                    inputs.put("prompt_features", pf);
                    inputs.put("prompt_mask", pm);
                    decoder.run(inputs).close();
                }
            }
        }
    }
}
