package io.maskstream.pipeline.bench;

import io.maskstream.state.record.MaskletFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink beside the Kafka sink, chained to the tracking operator: notes the {@link System#nanoTime()} at which the
 * operator emits each masklet frame. The bench's MiniCluster runs in the bench's JVM, so the notes land in a
 * static map, one per run.
 */
final class LatencyProbe implements Sink<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Map<String, Long>> RUNS = new ConcurrentHashMap<>();

    private final String run;

    LatencyProbe(String run) {
        this.run = run;
        RUNS.put(run, new ConcurrentHashMap<>());
    }

    /** When the operator emitted (stream, seq) in this run, or 0 if it has not. */
    long emitted(String streamId, long seq) {
        return RUNS.getOrDefault(run, Map.of()).getOrDefault(streamId + "#" + seq, 0L);
    }

    void forget() {
        RUNS.remove(run);
    }

    @Override
    public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
        Map<String, Long> notes = RUNS.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
        return new SinkWriter<>() {
            @Override
            public void write(MaskletFrame frame, Context ctx) {
                notes.putIfAbsent(frame.streamId() + "#" + frame.seq(), System.nanoTime());
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
