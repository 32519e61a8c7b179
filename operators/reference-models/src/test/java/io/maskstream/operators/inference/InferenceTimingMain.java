package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-frame time of the reference detector and tracker at 320×240 (not a test). Run by hand:
 * {@code mvn -q -pl operators -am test-compile && mvn -q -pl operators dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}, then {@code java -cp operators/target/test-classes:operators/target/classes:
 * state/target/classes:$(cat /tmp/cp.txt) io.maskstream.operators.inference.InferenceTimingMain 60}.
 */
public final class InferenceTimingMain {
    private static final int[] CHUNKS = {2, 3, 5};

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        SyntheticScene scene = new SyntheticScene(1);
        String[] colours = {"red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange", "red", "blue"};
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            List<ConceptEmbedding> concepts = List.of(models.conceptEncoder().encode("red"),
                    models.conceptEncoder().encode("blue"));
            List<List<Shape>> scenes = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                List<Shape> s = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    s.add(Shape.disc(colours[i], 35 + (i % 5) * 62 + (t % 20), 60 + (i / 5) * 120, 12));
                }
                scenes.add(s);
            }
            MaskletTracker tracker = models.tracker();
            RgbImage f0 = scene.render(scenes.get(0), 0);
            FrameFeatures ff0 = tracker.encodeFrame(f0);
            List<MemoryBankInput> banks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                MemoryFeatures m = tracker.encodeMemory(ff0, SyntheticScene.visible(scenes.get(0), i));
                banks.add(new MemoryBankInput(i, List.of(m), List.of(m, m, m, m, m, m)));
            }
            for (int round = 0; round < 2; round++) { // first round warms up
                long det = 0, enc = 0, one = 0, ten = 0, loop = 0, mem = 0;
                long[] chunked = new long[CHUNKS.length];
                for (int t = 0; t < frames; t++) {
                    RgbImage frame = scene.render(scenes.get(t), t);
                    long a = System.nanoTime();
                    models.detector().detect(frame, concepts);
                    long b = System.nanoTime();
                    FrameFeatures f = tracker.encodeFrame(frame);
                    long c = System.nanoTime();
                    tracker.propagate(f, banks.subList(0, 1));
                    long d = System.nanoTime();
                    List<MaskletPrediction> p = tracker.propagate(f, banks);
                    long e = System.nanoTime();
                    tracker.encodeMemory(f, p.get(0).mask());
                    long g = System.nanoTime();
                    for (MemoryBankInput bank : banks) {
                        tracker.propagate(f, List.of(bank));
                    }
                    loop += System.nanoTime() - g;
                    for (int k = 0; k < CHUNKS.length; k++) {
                        long h = System.nanoTime();
                        for (int from = 0; from < banks.size(); from += CHUNKS[k]) {
                            tracker.propagate(f, banks.subList(from, Math.min(banks.size(), from + CHUNKS[k])));
                        }
                        chunked[k] += System.nanoTime() - h;
                    }
                    det += b - a;
                    enc += c - b;
                    one += d - c;
                    ten += e - d;
                    mem += g - e;
                }
                if (round == 1) {
                    System.out.printf("frames: %d at 320x240, 7 memories per masklet, intra-op threads 1%n", frames);
                    System.out.printf("detector (2 concepts):            %7.2f ms/frame%n", det / 1e6 / frames);
                    System.out.printf("tracker encodeFrame:              %7.2f ms/frame%n", enc / 1e6 / frames);
                    System.out.printf("tracker propagate, 1 masklet:     %7.2f ms/frame%n", one / 1e6 / frames);
                    System.out.printf("tracker propagate, 10 masklets:   %7.2f ms/frame (one batched call)%n",
                            ten / 1e6 / frames);
                    System.out.printf("tracker propagate, 10 masklets:   %7.2f ms/frame (one call per masklet)%n",
                            loop / 1e6 / frames);
                    System.out.printf("tracker encodeMemory (1 masklet): %7.2f ms%n", mem / 1e6 / frames);
                    for (int k = 0; k < CHUNKS.length; k++) {
                        System.out.printf("tracker propagate, 10 masklets:   %7.2f ms/frame (calls of %d masklets)%n",
                                chunked[k] / 1e6 / frames, CHUNKS[k]);
                    }
                }
            }
        }
    }
}
