package io.maskstream.operators.flink;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.stream.StreamProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The tracking operator: {@link MaskletTrackingFunction} with the detector micro-batched across the
 * streams of a subtask. Frame records are held, with their keys, until
 * {@link StreamOptions#DETECTOR_MAX_BATCH} wait or {@link StreamOptions#DETECTOR_MAX_WAIT} has passed; then
 * the detector runs once for the held frames that are next in their stream (concepts from the stream's
 * state) and every held record goes, in arrival order and under its own key, through the function as
 * before, which takes the detections computed for it (or runs the detector itself when its concepts
 * changed on the way).
 *
 * <p>Exactly-once needs no extra state: the batch is flushed before every checkpoint barrier
 * ({@link #prepareSnapshotPreBarrier}) and at end of input, so no record is ever held in a snapshot. A
 * stream's order holds because its records leave the batch in arrival order; a prompt flushes the batch
 * before it is handled, so prompts and frames keep their relative order too. With a max batch of 1 every
 * record goes straight to the function.
 */
public final class MaskletTrackingOperator
        extends KeyedCoProcessOperator<String, RawFrameRecord, RawPromptRecord, MaskletFrame> {
    private static final long serialVersionUID = 1L;

    /** Accumulator name: frames whose detections came from a detector call shared with other frames. */
    public static final String FRAMES_DETECTED_IN_BATCH_ACCUMULATOR = "framesDetectedInBatch";

    private final int maxBatch;
    private final long maxWaitMs;

    private transient List<Held> held;
    private transient ScheduledFuture<?> flushTimer;
    private transient LongCounter framesDetectedInBatch;

    /** @param config the job configuration (as {@link MaskletTrackingFunction}, plus the batching keys) */
    public MaskletTrackingOperator(Configuration config) {
        super(new MaskletTrackingFunction(config));
        this.maxBatch = config.get(StreamOptions.DETECTOR_MAX_BATCH);
        this.maxWaitMs = config.get(StreamOptions.DETECTOR_MAX_WAIT).toMillis();
        if (maxBatch < 1) {
            throw new IllegalArgumentException(StreamOptions.DETECTOR_MAX_BATCH.key() + " must be at least 1, got "
                    + maxBatch);
        }
        if (maxWaitMs < 0) {
            throw new IllegalArgumentException(StreamOptions.DETECTOR_MAX_WAIT.key() + " must not be negative");
        }
    }

    private record Held(String key, StreamRecord<RawFrameRecord> record) {}

    @Override
    public void open() throws Exception {
        super.open();
        held = new ArrayList<>();
        framesDetectedInBatch = new LongCounter();
        getRuntimeContext().addAccumulator(FRAMES_DETECTED_IN_BATCH_ACCUMULATOR, framesDetectedInBatch);
    }

    @Override
    public void processElement1(StreamRecord<RawFrameRecord> element) throws Exception {
        if (maxBatch <= 1) {
            super.processElement1(element);
            return;
        }
        held.add(new Held((String) getCurrentKey(), element.copy(element.getValue())));
        if (held.size() >= maxBatch) {
            flush();
        } else if (flushTimer == null) {
            long at = getProcessingTimeService().getCurrentProcessingTime() + maxWaitMs;
            flushTimer = getProcessingTimeService().registerTimer(at, time -> flush());
        }
    }

    @Override
    public void processElement2(StreamRecord<RawPromptRecord> element) throws Exception {
        flush();
        super.processElement2(element);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        // A stream's idle timer sees the stream after its held frames, as without batching.
        flush();
        super.onProcessingTime(timer);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // Held frames came before the watermark: they go through before it moves on.
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    MaskletTrackingFunction function() {
        return (MaskletTrackingFunction) getUserFunction();
    }

    /** Frame records held for the next detector batch (for tests). */
    int heldRecords() {
        return held == null ? 0 : held.size();
    }

    /** Runs the detector once for the held frames, then each held record through the function; restores the key. */
    private void flush() throws Exception {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        if (held == null || held.isEmpty()) {
            return;
        }
        List<Held> batch = held;
        held = new ArrayList<>();
        Object key = getCurrentKey();
        MaskletTrackingFunction function = function();
        StreamProcessor processor = function.processor();
        long detectedInBatch = processor.timings().prefetchedDetections();
        try {
            List<StreamProcessor.DetectionPrefetch> frames = new ArrayList<>(batch.size());
            Map<String, Long> expected = new HashMap<>();
            for (Held h : batch) {
                setCurrentKey(h.key());
                StreamProcessor.DetectionPrefetch f = function.detectionPrefetch(h.record().getValue(), h.key(), expected);
                if (f != null) {
                    frames.add(f);
                }
            }
            if (frames.size() > 1) {
                processor.prefetchDetections(frames);
            }
            for (Held h : batch) {
                setCurrentKey(h.key());
                super.processElement1(h.record());
            }
        } finally {
            framesDetectedInBatch.add(processor.timings().prefetchedDetections() - detectedInBatch);
            processor.clearPrefetched();
            if (key != null) {
                setCurrentKey(key);
            }
        }
    }
}
