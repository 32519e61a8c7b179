package io.maskstream.kit.coco;

import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.operators.inference.Device;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame time of the NanoDet detector on a video (pre-processing, model and decoding; not a test), and the
 * persons it finds per frame at score 0.5. Run by hand from the repository root:
 * {@code mvn -q -o -pl operators/coco-kit -am test-compile && mvn -q -o -pl operators/coco-kit
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}, then {@code java -cp operators/coco-kit/target/
 * test-classes:operators/coco-kit/target/classes:operators/target/classes:connectors/target/classes:
 * state/target/classes:$(cat /tmp/cp.txt) io.maskstream.kit.coco.NanoDetTimingMain samples/vtest-150.avi 2}
 * (the last argument: intra-op threads).
 */
public final class NanoDetTimingMain {
    private static final float PERSON_SCORE = 0.5f;

    public static void main(String[] args) throws IOException {
        String video = args.length > 0 ? args[0] : "samples/vtest-150.avi";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<RgbImage> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(video)) {
            for (RgbImage f = source.read(); f != null; f = source.read()) {
                frames.add(f);
            }
        }
        float[] persons = new float[CocoClasses.count()];
        Arrays.fill(persons, 2f);
        persons[CocoClasses.resolve("person")] = PERSON_SCORE;
        try (NanoDet detector = NanoDet.open(new InferenceSettings(Device.CPU, threads, 1, PERSON_SCORE))) {
            for (int i = 0; i < 10; i++) {
                detector.detect(frames.get(i % frames.size()), persons);
            }
            long[] nanos = new long[frames.size()];
            int[] counts = new int[frames.size()];
            for (int i = 0; i < frames.size(); i++) {
                long t = System.nanoTime();
                counts[i] = detector.detect(frames.get(i), persons).size();
                nanos[i] = System.nanoTime() - t;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            int[] c = counts.clone();
            Arrays.sort(c);
            System.out.printf("%s: %d frames %dx%d, %d intra-op threads: mean %.1f ms/frame, median %.1f, p95 %.1f%n",
                    video, frames.size(), frames.get(0).width(), frames.get(0).height(), threads, mean,
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6);
            System.out.printf("persons per frame at score >= %.2f: min %d, median %d, max %d, mean %.2f%n",
                    PERSON_SCORE, c[0], c[c.length / 2], c[c.length - 1], Arrays.stream(counts).average().orElse(0));
            System.out.println("per frame: " + Arrays.toString(counts));
            // The three stages apart, on the same frames.
            NanoDetInput input = new NanoDetInput();
            float[] tensor = new float[3 * NanoDetInput.SIZE * NanoDetInput.SIZE];
            long pre = 0;
            long model = 0;
            long post = 0;
            for (RgbImage f : frames) {
                long t0 = System.nanoTime();
                input.write(f, tensor);
                long t1 = System.nanoTime();
                NanoDetHeads heads = detector.run(tensor);
                long t2 = System.nanoTime();
                NanoDetDecoder.decode(heads, f.width(), f.height(), persons);
                long t3 = System.nanoTime();
                pre += t1 - t0;
                model += t2 - t1;
                post += t3 - t2;
            }
            System.out.printf("mean per frame: pre-processing %.2f ms, model %.2f ms, decoding %.2f ms%n",
                    pre / 1e6 / frames.size(), model / 1e6 / frames.size(), post / 1e6 / frames.size());
        }
    }
}
