package io.maskstream.pipeline.reliability;

import io.maskstream.connectors.record.MaskletFrame;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that fails the job once at each of the given {@code stream#seq} points (the MiniCluster
 * runs in this JVM, so static sets make each point fire once across restarts) and measures how long
 * each restart took: from the throw to the next writer being opened.
 */
final class InjectedFailureSink implements Sink<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
    static final List<Long> RESTART_MILLIS = new CopyOnWriteArrayList<>();
    private static final Map<String, Long> THROWN_AT = new ConcurrentHashMap<>();

    private final List<String> points;

    InjectedFailureSink(List<String> points) {
        this.points = List.copyOf(points);
    }

    static void reset() {
        FIRED.clear();
        RESTART_MILLIS.clear();
        THROWN_AT.clear();
    }

    @Override
    public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
        Long thrown = THROWN_AT.remove("last");
        if (thrown != null) {
            RESTART_MILLIS.add((System.nanoTime() - thrown) / 1_000_000);
        }
        return new SinkWriter<>() {
            @Override
            public void write(MaskletFrame frame, Context ctx) {
                String point = frame.streamId() + "#" + frame.seq();
                if (points.contains(point) && FIRED.add(point)) {
                    THROWN_AT.put("last", System.nanoTime());
                    throw new IllegalStateException("injected failure at " + point);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
