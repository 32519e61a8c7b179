package io.maskstream.state.bench;

import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * RLE and bitmap costs on full-HD (1920×1080) frames: one operation handles every object of a
 * frame, as the tracker does when it encodes a frame's output or associates a frame's predictions
 * with its detections.
 *
 * <ul>
 *   <li>{@code large}: 4 large blobs (ellipses of 150–300 px radii), as a close-up scene;
 *   <li>{@code small50}: 50 small blobs (10–25 px radii), as a crowd or traffic scene.
 * </ul>
 *
 * IoU benchmarks compare each object with itself shifted by (3, 2) px (a tracker prediction against
 * a detection). Run: see {@code BENCHMARKS.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RleBenchmark {
    static final int HEIGHT = 1080;
    static final int WIDTH = 1920;

    @Param({"large", "small50"})
    public String scene;

    private List<Mask> masks;
    private List<Mask> shifted;
    private List<Rle> rles;
    private List<Rle> shiftedRles;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        masks = new ArrayList<>();
        shifted = new ArrayList<>();
        int n = scene.equals("large") ? 4 : 50;
        for (int i = 0; i < n; i++) {
            int rx, ry, cx, cy;
            if (scene.equals("large")) {
                rx = 150 + r.nextInt(151);
                ry = 150 + r.nextInt(151);
            } else {
                rx = 10 + r.nextInt(16);
                ry = 10 + r.nextInt(16);
            }
            cx = rx + r.nextInt(WIDTH - 2 * rx);
            cy = ry + r.nextInt(HEIGHT - 2 * ry);
            masks.add(ellipse(cx, cy, rx, ry));
            shifted.add(ellipse(cx + 3, cy + 2, rx, ry));
        }
        rles = masks.stream().map(Rle::encode).toList();
        shiftedRles = shifted.stream().map(Rle::encode).toList();
    }

    static Mask ellipse(int cx, int cy, int rx, int ry) {
        Mask.Builder b = Mask.builder(HEIGHT, WIDTH);
        for (int x = Math.max(0, cx - rx); x <= Math.min(WIDTH - 1, cx + rx); x++) {
            double dx = (double) (x - cx) / rx;
            int half = (int) Math.floor(ry * Math.sqrt(Math.max(0, 1 - dx * dx)));
            b.setColumnRun(x, Math.max(0, cy - half), Math.min(HEIGHT, cy + half + 1));
        }
        return b.build();
    }

    @Benchmark
    public void rleEncode(Blackhole bh) {
        for (Mask m : masks) {
            bh.consume(Rle.encode(m));
        }
    }

    @Benchmark
    public void rleDecode(Blackhole bh) {
        for (Rle r : rles) {
            bh.consume(r.decode());
        }
    }

    @Benchmark
    public void rleToCompressedString(Blackhole bh) {
        for (Rle r : rles) {
            bh.consume(r.toCompressedString());
        }
    }

    @Benchmark
    public double rleIou() {
        double sum = 0;
        for (int i = 0; i < rles.size(); i++) {
            sum += rles.get(i).iou(shiftedRles.get(i));
        }
        return sum;
    }

    @Benchmark
    public double bitmapIou() {
        double sum = 0;
        for (int i = 0; i < masks.size(); i++) {
            sum += masks.get(i).iou(shifted.get(i));
        }
        return sum;
    }

    /** Runs this benchmark; JMH command-line options (e.g. {@code -i 10 -wi 3}) override the annotations. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(RleBenchmark.class.getName())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result("state/target/jmh-rle.json")
                .build();
        new Runner(options).run();
    }
}
