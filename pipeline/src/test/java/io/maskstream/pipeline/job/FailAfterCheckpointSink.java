package io.maskstream.pipeline.job;

import io.maskstream.state.record.MaskletFrame;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that fails the job once at each of its failure points, and only after the job has completed
 * a checkpoint, so that every restart restores that checkpoint (as {@code KafkaExactlyOnceITCase}
 * does). A point is a stream and a window of seqs: it fires at the first masklet frame of the stream
 * inside the window once the job's REST API reports a completed checkpoint. Until then every frame
 * is held for {@value #THROTTLE_MILLIS} ms, so that checkpoints complete while frames still flow.
 *
 * <p>The MiniCluster runs in this JVM, so the static state makes each point fire once across
 * restarts; {@link #reset()} before each job.
 */
public final class FailAfterCheckpointSink implements Sink<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    private static final long THROTTLE_MILLIS = 20;

    /** Fail once in {@code streamId}, at the first frame with {@code from ≤ seq ≤ to} after a checkpoint. */
    public record Point(String streamId, long from, long to) implements Serializable {
        @Override
        public String toString() {
            return streamId + "#" + from + ".." + to;
        }
    }

    /** The seq at which each point fired. */
    public static final Map<Point, Long> FIRED = new ConcurrentHashMap<>();
    /** Per restart: from the throw to the next writer being opened. */
    public static final List<Long> RESTART_MILLIS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean CHECKPOINT_COMPLETED = new AtomicBoolean();
    private static final AtomicLong THROWN_AT = new AtomicLong();

    private final String restBase;
    private final List<Point> points;

    /** {@code restBase}: the REST address of the cluster that runs the job (see {@link JobTestSupport#restBase}). */
    public FailAfterCheckpointSink(String restBase, List<Point> points) {
        this.restBase = restBase;
        this.points = List.copyOf(points);
    }

    public static void reset() {
        FIRED.clear();
        RESTART_MILLIS.clear();
        CHECKPOINT_COMPLETED.set(false);
        THROWN_AT.set(0);
    }

    @Override
    public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
        long thrown = THROWN_AT.getAndSet(0);
        if (thrown != 0) {
            RESTART_MILLIS.add((System.nanoTime() - thrown) / 1_000_000);
        }
        String jobId = context.getJobInfo().getJobId().toHexString();
        return new SinkWriter<>() {
            @Override
            public void write(MaskletFrame frame, Context ctx) throws InterruptedException {
                if (!checkpointCompleted(jobId)) {
                    Thread.sleep(THROTTLE_MILLIS);
                    return;
                }
                for (Point p : points) {
                    if (p.streamId().equals(frame.streamId()) && frame.seq() >= p.from() && frame.seq() <= p.to()
                            && FIRED.putIfAbsent(p, frame.seq()) == null) {
                        THROWN_AT.set(System.nanoTime());
                        throw new IllegalStateException("injected failure at " + frame.streamId() + "#" + frame.seq());
                    }
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    private boolean checkpointCompleted(String jobId) {
        if (!CHECKPOINT_COMPLETED.get() && JobTestSupport.rest(restBase, "/jobs/" + jobId + "/checkpoints")
                .path("counts").path("completed").asLong() > 0) {
            CHECKPOINT_COMPLETED.set(true);
        }
        return CHECKPOINT_COMPLETED.get();
    }
}
