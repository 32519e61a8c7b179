package io.maskstream.connectors.kafka;

import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.record.RecordTypes;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Test fixture for the connector ITCases, which exercise the sources and sinks without the job: the
 * job itself decodes inside its keyed tracking function (one decode path in production).
 * Decodes raw prompts-topic records: a good one goes on as a {@link PromptCommand}, a rejected one
 * goes to the {@link #DEAD_LETTERS} side output with its reason and origin.
 */
public final class PromptDecodeFunction extends ProcessFunction<RawPromptRecord, PromptCommand>
        implements ResultTypeQueryable<PromptCommand> {
    private static final long serialVersionUID = 1L;

    /** Side output of rejected records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("prompt-dead-letters", TypeInformation.of(DeadLetter.class));

    @Override
    public TypeInformation<PromptCommand> getProducedType() {
        return RecordTypes.PROMPT_COMMAND;
    }

    @Override
    public void processElement(RawPromptRecord raw, Context ctx, Collector<PromptCommand> out) {
        try {
            out.collect(raw.decode());
        } catch (RecordRejectedException e) {
            ctx.output(DEAD_LETTERS, raw.deadLetter(e));
        }
    }
}
