package io.maskstream.operators.tracking.bench;

import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.tracking.StreamTracker;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.tracking.MaskletPrediction;
import io.maskstream.state.tracking.StreamTrackerStateSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One frame's decisions of a {@link StreamTracker} at 288×288 masks with 200 detections: the given
 * number of masklets each matched by a detection (predictions 1 px off), the other detections
 * scoring too low to spawn but still associated. The tracker runs in steady state (one frame
 * released per frame, periodic re-prompt every 16th frame), so the figure includes releasing and
 * decoding one output frame.
 *
 * <p>Run: {@code java -cp <test class path> io.maskstream.operators.tracking.bench.StreamTrackerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StreamTrackerBenchmark {
    static final int SIZE = 288;
    static final int DETECTIONS = 200;

    @Param({"20", "64"})
    public int masklets;

    private StreamTracker tracker;
    private List<Detection> detections;
    private List<MaskletPrediction> predictions;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario s = Scenario.build(masklets);
        tracker = s.tracker;
        detections = s.detections;
        predictions = s.predictions;
        seq = s.nextSeq;
    }

    @Benchmark
    public FrameDecisions oneFrame() {
        return tracker.processFrame(seq++, detections, predictions);
    }

    /** A tracker with {@code n} live masklets after a warm frame, and one frame's inputs. */
    static final class Scenario {
        StreamTracker tracker;
        List<Detection> detections;
        List<MaskletPrediction> predictions;
        long nextSeq;

        static Scenario build(int n) {
            Random random = new Random(1);
            int grid = 15, cell = SIZE / grid;
            List<Detection> dets = new ArrayList<>();
            List<Mask> masks = new ArrayList<>();
            for (int k = 0; k < DETECTIONS; k++) {
                int cx = (k % grid) * cell + random.nextInt(3), cy = ((k / grid) % grid) * cell + random.nextInt(3);
                Mask m = Mask.rectangle(SIZE, SIZE, cx, cy, cx + 15, cy + 15);
                masks.add(m);
                float score = k < n ? 0.9f : 0.5f + 0.19f * random.nextFloat();
                dets.add(new Detection(m.boundingBox(), score, m, "person"));
            }
            StreamTracker t = new StreamTracker(TrackerSettings.paper());
            t.processFrame(0, dets, List.of());
            List<MaskletPrediction> preds = new ArrayList<>();
            for (int id : t.liveMaskletIds()) {
                Mask m = masks.get(id - 1);
                Mask shifted = Mask.rectangle(SIZE, SIZE, (int) m.boundingBox().x1() + 1, (int) m.boundingBox().y1(),
                        (int) m.boundingBox().x2() + 1, (int) m.boundingBox().y2());
                preds.add(new MaskletPrediction(id, shifted, 0.95f, 0.9f));
            }
            if (preds.size() != n) {
                throw new IllegalStateException("expected " + n + " masklets, got " + preds.size());
            }
            Scenario s = new Scenario();
            s.tracker = t;
            s.detections = dets;
            s.predictions = preds;
            s.nextSeq = 1;
            // fill the pending window so that every measured frame releases one frame
            for (int f = 0; f < 20; f++) {
                t.processFrame(s.nextSeq++, dets, preds);
            }
            return s;
        }
    }

    public static void main(String[] args) throws Exception {
        for (int n : new int[] {20, 64}) {
            Scenario s = Scenario.build(n);
            DataOutputSerializer out = new DataOutputSerializer(1 << 16);
            StreamTrackerStateSerializer.INSTANCE.serialize(s.tracker.state(), out);
            System.out.printf("serialized tracker state, %d masklets at %dx%d: %d bytes, %d referenced frames%n",
                    n, SIZE, SIZE, out.length(), s.tracker.referencedFrames().size());
        }
        new Runner(new OptionsBuilder().include(StreamTrackerBenchmark.class.getSimpleName()).build()).run();
    }
}
