package io.maskstream.pipeline.job;

import io.maskstream.connectors.record.MaskletFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that throws once, when it sees a given frame of a given stream, to inject a failure into a
 * running job (the MiniCluster runs in this JVM, so a static flag makes it fire only once).
 */
final class FailOnceSink implements Sink<MaskletFrame> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FIRED = new AtomicBoolean();

    private final String streamId;
    private final long seq;

    FailOnceSink(String streamId, long seq) {
        this.streamId = streamId;
        this.seq = seq;
    }

    @Override
    public SinkWriter<MaskletFrame> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(MaskletFrame frame, Context ctx) {
                if (frame.streamId().equals(streamId) && frame.seq() == seq && FIRED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure at " + streamId + "#" + seq);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
