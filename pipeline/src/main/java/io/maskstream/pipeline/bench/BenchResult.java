package io.maskstream.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything one bench run measured. Rates are stream frames per second over all streams; ratios are
 * to the bare model loop of the same run. {@code jobParallelFps}/{@code scaling} are NaN unless the
 * run compared subtasks; latency fields are NaN when the paced run was skipped.
 */
public record BenchResult(
        String date, String provider, int trackerBatchSize, int cores, double memoryGiB, double loadBefore, double loadAfter,
        int streams, int frames, int objects, int width, int height, int masklets,
        double decodeMillisPerFrame,
        double bareFps, double bareAfterJobFps, double bareModelShare, long bareGcMillis,
        double bareDetectMillis, double bareEncodeMillis, double barePropagateMillis, double bareMemoryMillis,
        double trackerFps, double trackerModelShare, long trackerGcMillis, long trackerStateBytes,
        int jobParallelism, double jobFps, long jobGcMillis, long jobStateBytes,
        double jobOneSubtaskFps, double scaling,
        double pacedFps, double p50LatencyMs, double p99LatencyMs, int latencySamples,
        double bareCpuMillis, double trackerCpuMillis, double jobTaskCpuMillis, double jobProcessCpuMillis) {

    public double bareMillisPerFrame() {
        return 1000.0 / bareFps;
    }

    /** Per-frame model time the job's latency is compared with: the bare loop around the job. */
    public double modelMillisPerFrame() {
        return 1000.0 / bareAroundJobFps();
    }

    public double trackerToBare() {
        return trackerFps / bareFps;
    }

    /**
     * The bare loop rate the job is compared with: the bare loop run on its own right after the job (the
     * first bare figure runs interleaved with the tracker, which slows both by sharing caches and
     * sessions; on its own it was 1.4–2.3× faster in the same run).
     */
    public double bareAroundJobFps() {
        return bareAfterJobFps;
    }

    /** The job at one subtask against the single-threaded bare loop run next to it (the 0.90 target). */
    public double jobToBare() {
        return (jobParallelism == 1 ? jobFps : jobOneSubtaskFps) / bareAroundJobFps();
    }

    public long stateBytesPerStream() {
        return Math.max(jobStateBytes, trackerStateBytes);
    }

    public ObjectNode toJson(ObjectMapper m) {
        ObjectNode n = m.createObjectNode();
        n.put("date", date);
        n.put("provider", provider);
        n.put("trackerBatchSize", trackerBatchSize);
        n.put("cores", cores);
        num(n, "memoryGiB", round(memoryGiB, 1));
        num(n, "loadAverageBefore", loadBefore);
        num(n, "loadAverageAfter", loadAfter);
        n.put("streams", streams);
        n.put("frames", frames);
        n.put("objects", objects);
        n.put("size", width + "x" + height);
        n.put("masklets", masklets);
        num(n, "decodeMillisPerFrame", round(decodeMillisPerFrame, 2));
        num(n, "bareFps", round(bareFps, 2));
        num(n, "bareAfterJobFps", round(bareAfterJobFps, 2));
        num(n, "bareAroundJobFps", round(bareAroundJobFps(), 2));
        num(n, "bareMillisPerFrame", round(bareMillisPerFrame(), 2));
        num(n, "bareDetectMillis", round(bareDetectMillis, 2));
        num(n, "bareEncodeMillis", round(bareEncodeMillis, 2));
        num(n, "barePropagateMillis", round(barePropagateMillis, 2));
        num(n, "bareMemoryMillis", round(bareMemoryMillis, 2));
        num(n, "bareModelShare", round(bareModelShare, 3));
        n.put("bareGcMillis", bareGcMillis);
        num(n, "trackerFps", round(trackerFps, 2));
        num(n, "trackerToBare", round(trackerToBare(), 3));
        num(n, "trackerModelShare", round(trackerModelShare, 3));
        n.put("trackerGcMillis", trackerGcMillis);
        n.put("jobParallelism", jobParallelism);
        num(n, "jobFps", round(jobFps, 2));
        num(n, "jobToBare", round(jobToBare(), 3));
        num(n, "jobOneSubtaskFps", round(jobOneSubtaskFps, 2));
        num(n, "scaling", round(scaling, 3));
        n.put("jobGcMillis", jobGcMillis);
        num(n, "pacedFps", round(pacedFps, 2));
        num(n, "p50LatencyMs", round(p50LatencyMs, 1));
        num(n, "p99LatencyMs", round(p99LatencyMs, 1));
        num(n, "modelMillisPerFrame", round(modelMillisPerFrame(), 1));
        num(n, "p99ToModelTime", round(p99LatencyMs / modelMillisPerFrame(), 2));
        n.put("latencySamples", latencySamples);
        num(n, "bareCpuMillisPerFrame", round(bareCpuMillis, 1));
        num(n, "trackerCpuMillisPerFrame", round(trackerCpuMillis, 1));
        num(n, "jobTaskCpuMillisPerFrame", round(jobTaskCpuMillis, 1));
        num(n, "jobProcessCpuMillisPerFrame", round(jobProcessCpuMillis, 1));
        num(n, "jobToBareCpu", round(bareCpuMillis / jobTaskCpuMillis, 3));
        n.put("stateBytesPerStream", stateBytesPerStream());
        n.put("trackerStateBytesPerStream", trackerStateBytes);
        n.put("jobStateBytesPerStream", jobStateBytes);
        return n;
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
