package io.maskstream.operators.flink;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.stream.ModelTimings;
import io.maskstream.operators.stream.StreamSession;
import io.maskstream.operators.tracking.FrameDecisions;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The tracking operator's Flink metrics: frames in and out with rates, capture-to-emit latency,
 * model time per stage, live masklets, and dead letters by reason (job-level and per stream).
 * The totals are also accumulators (names in {@link MaskletTrackingFunction}), which are exact in
 * the job's result where metrics are only sampled.
 */
final class TrackingMetrics implements StreamSession.Listener {
    private final MetricGroup group;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Meter framesInRate;
    private final Histogram latency;
    private final Map<String, Counter> deadLetters = new HashMap<>();
    private final Map<String, StreamGauges> streams = new HashMap<>();
    private final LongCounter framesInTotal = new LongCounter();
    private final LongCounter framesOutTotal = new LongCounter();
    private final LongCounter streamsTotal = new LongCounter();
    private final LongCounter deadLettersTotal = new LongCounter();

    TrackingMetrics(RuntimeContext context, ModelTimings timings) {
        MetricGroup group = context.getMetricGroup();
        this.group = group;
        context.addAccumulator(MaskletTrackingFunction.FRAMES_IN_ACCUMULATOR, framesInTotal);
        context.addAccumulator(MaskletTrackingFunction.FRAMES_OUT_ACCUMULATOR, framesOutTotal);
        context.addAccumulator(MaskletTrackingFunction.STREAMS_ACCUMULATOR, streamsTotal);
        context.addAccumulator(MaskletTrackingFunction.DEAD_LETTERS_ACCUMULATOR, deadLettersTotal);
        framesIn = group.counter("framesIn");
        framesOut = group.counter("framesOut");
        framesInRate = group.meter("framesInPerSecond", new MeterView(framesIn));
        latency = group.histogram("captureToEmitLatencyMs", new DescriptiveStatisticsHistogram(1000));
        group.gauge("detectMillis", (Gauge<Long>) () -> timings.detectNanos() / 1_000_000);
        group.gauge("propagateMillis", (Gauge<Long>) () -> timings.propagateNanos() / 1_000_000);
        group.gauge("imageEncodeMillis", (Gauge<Long>) () -> timings.encodeNanos() / 1_000_000);
        group.gauge("memoryEncodeMillis", (Gauge<Long>) () -> timings.memoryNanos() / 1_000_000);
        group.gauge("rulesMillis", (Gauge<Long>) () -> timings.rulesNanos() / 1_000_000);
        group.gauge("framesDetectedInBatch", (Gauge<Long>) timings::prefetchedDetections);
        group.gauge("durableStateBytesLastStream", (Gauge<Long>) () -> stateBytes);
    }

    private volatile long stateBytes;

    void stateBytes(long bytes) {
        stateBytes = bytes;
    }

    void deadLetter(String reason) {
        deadLettersTotal.add(1);
        deadLetters.computeIfAbsent(reason, r -> group.addGroup("deadLetterReason", r).counter("deadLetters")).inc();
    }

    @Override
    public void frameProcessed(String streamId, FrameDecisions decisions, int liveMasklets) {
        framesIn.inc();
        framesInTotal.add(1);
        StreamGauges g = streams.computeIfAbsent(streamId, id -> {
            streamsTotal.add(1);
            return new StreamGauges(group.addGroup("stream", id));
        });
        g.framesIn.inc();
        g.liveMasklets = liveMasklets;
    }

    @Override
    public void frameReleased(MaskletFrame frame) {
        framesOut.inc();
        framesOutTotal.add(1);
        latency.update(Math.max(0, System.currentTimeMillis() - frame.captureTime()));
        StreamGauges g = streams.get(frame.streamId());
        if (g != null) {
            g.framesOut.inc();
        }
    }

    /** Per-stream counters and gauges. */
    private static final class StreamGauges {
        final Counter framesIn;
        final Counter framesOut;
        volatile int liveMasklets;

        StreamGauges(MetricGroup g) {
            framesIn = g.counter("framesIn");
            framesOut = g.counter("framesOut");
            g.gauge("liveMasklets", (Gauge<Integer>) () -> liveMasklets);
            g.gauge("pendingFrames", (Gauge<Long>) () -> framesIn.getCount() - framesOut.getCount());
        }
    }
}
