package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the per-frame memory work of 10 masklets with the reference models: one memory encoding and
 * one object pointer per masklet. Run: java -cp <operators test class path>
 * io.maskstream.operators.inference.PointerTimingMain [frames].
 */
public final class PointerTimingMain {

    /** CPU time of this thread: steadier than wall time on a shared machine. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        SyntheticScene scene = new SyntheticScene(1);
        String[] colours = {"red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange", "red", "blue"};
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            MaskletTracker tracker = models.tracker();
            for (int round = 0; round < 2; round++) { // the first round warms up
                long memory = 0, pointer = 0;
                for (int t = 0; t < frames; t++) {
                    List<Shape> shapes = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        shapes.add(Shape.disc(colours[i], 35 + (i % 5) * 62 + (t % 20), 60 + (i / 5) * 120, 12));
                    }
                    RgbImage frame = scene.render(shapes, t);
                    FrameFeatures f = tracker.encodeFrame(frame);
                    List<Mask> masks = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        masks.add(SyntheticScene.visible(shapes, i));
                    }
                    long a = cpu();
                    for (Mask m : masks) {
                        tracker.encodeMemory(f, m);
                    }
                    long b = cpu();
                    for (Mask m : masks) {
                        tracker.objectPointer(f, m);
                    }
                    long c = cpu();
                    memory += b - a;
                    pointer += c - b;
                }
                if (round == 1) {
                    System.out.printf("10 masklets, %d frames, 320x240, intra-op threads 1, thread CPU time%n", frames);
                    System.out.printf("encodeMemory x10 (one call each):   %7.2f ms/frame%n", memory / 1e6 / frames);
                    System.out.printf("objectPointer x10 (one call each):  %7.2f ms/frame%n", pointer / 1e6 / frames);
                }
            }
        }
    }
}
