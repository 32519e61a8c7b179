package io.maskstream.pipeline.bench;

import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.ModelTimings;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracker without Flink: every stream through its own {@link LocalStreamRunner}, all sharing one
 * {@link StreamProcessor} and one model bundle as the streams of one subtask do. Frames go round robin
 * over the streams; JPEG decoding, the SAM 3 rules, state serialization of the frame store are all in.
 */
final class TrackerStage {
    record Result(long frames, long nanos, ModelTimings timings, long maxStateBytes, long outputFrames) {
        double fps() {
            return frames / (nanos / 1e9);
        }

        double modelShare() {
            return timings.modelNanos() / (double) nanos;
        }
    }

    private TrackerStage() {}

    static Result run(ModelBundle models, TrackerSettings settings, BenchInputs in) throws Exception {
        StreamProcessor processor = new StreamProcessor(models, settings);
        List<LocalStreamRunner> runners = new ArrayList<>();
        for (String id : in.streamIds) {
            runners.add(new LocalStreamRunner(id, processor, settings, in.concepts));
        }
        long[] out = {0};
        long maxState = 0, stateNanos = 0;
        long start = System.nanoTime();
        for (int f = 0; f < in.frameCount(); f++) {
            for (int s = 0; s < runners.size(); s++) {
                FrameRecord r = in.records.get(s).get(f);
                runners.get(s).process(r, (MaskletFrame m) -> out[0]++);
                if (f % 10 == 9) {
                    // Sampled outside the timed work: serializing the state is what a checkpoint does, not the frame path.
                    long t0 = System.nanoTime();
                    maxState = Math.max(maxState, runners.get(s).durableStateBytes());
                    stateNanos += System.nanoTime() - t0;
                }
            }
        }
        for (LocalStreamRunner runner : runners) {
            runner.finish(m -> out[0]++);
        }
        long nanos = System.nanoTime() - start - stateNanos;
        return new Result((long) in.frameCount() * runners.size(), nanos, processor.timings(), maxState, out[0]);
    }
}
