package io.maskstream.pipeline.bench;

/**
 * What {@code maskstream bench} runs.
 *
 * @param streams cameras, each its own synthetic scene (a grid of {@code objects} objects, seed per stream)
 * @param frames frames per stream
 * @param objects objects per scene, hence masklets per stream
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param device ONNX Runtime execution provider ({@code cpu}, {@code cuda}, {@code cuda:N}, {@code auto})
 * @param parallelism subtasks of the tracking operator for the job's max-rate run
 * @param latency whether to run the job a second time paced at 80 % of its max rate for latency
 * @param scaling whether to also run the job at one subtask when {@code parallelism} > 1 (the scaling ratio)
 * @param trackerBatchSize {@code model.tracker-batch-size}: masklets per propagation call, 0 = all
 * @param detectorMaxBatches {@code stream.detector-max-batch} values: the job runs at the first; each further
 *     value adds a max-rate run of the job at it (frames of different streams of a subtask per detector call)
 */
public record BenchSettings(int streams, int frames, int objects, int width, int height, String device,
                            int parallelism, boolean latency, boolean scaling, int trackerBatchSize,
                            java.util.List<Integer> detectorMaxBatches) {
    public BenchSettings(int streams, int frames, int objects, int width, int height, String device,
                         int parallelism, boolean latency, boolean scaling, int trackerBatchSize) {
        this(streams, frames, objects, width, height, device, parallelism, latency, scaling, trackerBatchSize,
                java.util.List.of(1));
    }

    /** Frames of the bare loop run before timing (JIT and ONNX Runtime warm-up). */
    public static final int WARM_UP_FRAMES = 20;
    /** Frame rate to pace the latency run at, relative to the measured maximum. */
    public static final double LATENCY_LOAD = 0.8;

    public BenchSettings {
        detectorMaxBatches = java.util.List.copyOf(detectorMaxBatches);
        if (detectorMaxBatches.isEmpty() || detectorMaxBatches.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("need detector max batches >= 1, got " + detectorMaxBatches);
        }
        if (streams < 1 || frames < 40 || objects < 1 || width < 16 || height < 16 || parallelism < 1) {
            throw new IllegalArgumentException("need streams >= 1, frames >= 40, objects >= 1, size >= 16x16, "
                    + "parallelism >= 1");
        }
    }
}
