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
 */
public record HarnessSettings(boolean pin, Path plot, List<String> jobSettings) {
    public HarnessSettings {
        jobSettings = List.copyOf(jobSettings);
    }
}
