package io.maskstream.pipeline.bench;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.ModelTimings;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tracker without Flink: every stream through its own {@link LocalStreamRunner}, all sharing one
 * {@link StreamProcessor} and one model kit as the streams of one subtask do. JPEG decoding, the
 * SAM 3 rules, the frame store and the output frames are all in.
 */
final class TrackerStage {
    record Result(long frames, long nanos, ModelTimings timings, long maxStateBytes, long outputFrames,
                  long outputObjects, long cpuNanos) {
        double cpuMillisPerFrame() {
            return cpuNanos / 1e6 / frames;
        }

        double fps() {
            return frames / (nanos / 1e9);
        }

        double modelShare() {
            return timings.modelNanos() / (double) nanos;
        }
    }

    private final BenchInputs in;
    private final StreamProcessor processor;
    private final List<LocalStreamRunner> runners = new ArrayList<>();
    private long frames, nanos, maxState, outputs, objects, cpu;
    private final Consumer<MaskletFrame> out = m -> {
        outputs++;
        objects += m.objects().size();
    };

    TrackerStage(ModelKit models, TrackerSettings settings, BenchInputs in) {
        this.in = in;
        this.processor = new StreamProcessor(models, settings);
        for (String id : in.streamIds) {
            runners.add(new LocalStreamRunner(id, processor, settings, in.concepts));
        }
    }

    /** Frame {@code f} of every stream, round robin. */
    void step(int f) throws Exception {
        long cpu0 = Cpu.thread();
        long t0 = System.nanoTime();
        for (int s = 0; s < runners.size(); s++) {
            runners.get(s).process(in.records.get(s).get(f), out);
            frames++;
        }
        if (f == in.frameCount() - 1) {
            for (LocalStreamRunner runner : runners) {
                runner.finish(out);
            }
        }
        nanos += System.nanoTime() - t0;
        cpu += Cpu.thread() - cpu0;
        if (f % 10 == 9) {
            // Outside the timed work: serializing the state is what a checkpoint does, not the frame path.
            for (LocalStreamRunner runner : runners) {
                maxState = Math.max(maxState, runner.durableStateBytes());
            }
        }
    }

    Result result() {
        return new Result(frames, nanos, processor.timings(), maxState, outputs, objects, cpu);
    }
}
