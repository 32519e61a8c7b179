package io.maskstream.connectors.kafka;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordLimits;
import io.maskstream.state.record.RecordRejectedException;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Test fixture for the connector ITCases, which exercise the sources and sinks without the job: the
 * job itself decodes inside its keyed tracking function (one decode path in production).
 * Decodes raw frames-topic records: a good record goes on as a {@link FrameRecord}, a rejected one
 * goes to the {@link #DEAD_LETTERS} side output with its reason and origin.
 */
public final class FrameDecodeFunction extends ProcessFunction<RawFrameRecord, FrameRecord> {
    private static final long serialVersionUID = 1L;

    /** Side output of rejected records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("frame-dead-letters", TypeInformation.of(DeadLetter.class));

    private final FrameRecordLimits limits;
    private transient FrameRecordCodec codec;

    public FrameDecodeFunction(FrameRecordLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public FrameDecodeFunction() {
        this(FrameRecordLimits.DEFAULT);
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new FrameRecordCodec(limits);
    }

    @Override
    public void processElement(RawFrameRecord raw, Context ctx, Collector<FrameRecord> out) {
        if (codec == null) {
            codec = new FrameRecordCodec(limits);
        }
        try {
            out.collect(raw.decode(codec));
        } catch (RecordRejectedException e) {
            ctx.output(DEAD_LETTERS, raw.deadLetter(e));
        }
    }
}
