package io.maskstream.pipeline.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How the bench runs the job, for the synthetic and the video runs alike.
 *
 * @param pin keep the broker process and the bench apart on the CPUs when the machine allows ({@link CpuPinning})
 * @param plot where to write the latency plot (PNG), null for none
 * @param jobSettings job configuration ({@code key=value}) applied after the bench's own, e.g.
 *     {@code job.checkpoint-interval=5 s}
 * @param coldStart the paced runs' camera starts 3 s after the job is RUNNING instead of when the job has
 *     answered its first frames: the frames sent meanwhile queue up (a camera already live when the job starts)
 */
public record HarnessSettings(boolean pin, Path plot, List<String> jobSettings, boolean coldStart) {
    public HarnessSettings {
        jobSettings = List.copyOf(jobSettings);
    }
}
