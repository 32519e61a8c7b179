package io.maskstream.pipeline.job;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.RecordTypes;
import io.maskstream.operators.flink.MaskletTrackingFunction;
import io.maskstream.operators.flink.MaskletTrackingOperator;
import io.maskstream.pipeline.config.JobOptions;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The job graph: frames and prompts keyed by stream id into the tracking operator, masklet frames
 * to their sinks (and, with {@code job.output-file}, to per-stream JSON-lines files that a stream's end
 * of stream finishes), dead letters to theirs. It only wires: sources and sinks come in through the
 * constructor (Kafka in production, anything in tests), the logic sits in
 * {@link MaskletTrackingFunction}.
 */
public final class TrackingJob {
    private final Source<RawFrameRecord, ?, ?> frameSource;
    private final Source<RawPromptRecord, ?, ?> promptSource;
    private final List<Sink<MaskletFrame>> maskletSinks;
    private final Sink<DeadLetter> deadLetterSink;
    private final Configuration config;

    public TrackingJob(
            Source<RawFrameRecord, ?, ?> frameSource,
            Source<RawPromptRecord, ?, ?> promptSource,
            List<Sink<MaskletFrame>> maskletSinks,
            Sink<DeadLetter> deadLetterSink,
            Configuration config) {
        this.frameSource = Objects.requireNonNull(frameSource, "frameSource");
        this.promptSource = Objects.requireNonNull(promptSource, "promptSource");
        this.maskletSinks = List.copyOf(maskletSinks);
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        this.config = config;
    }

    /** Adds the graph to {@code env}; the operator uids are stable so savepoints survive upgrades. */
    public void build(StreamExecutionEnvironment env) {
        int parallelism = config.get(JobOptions.PARALLELISM);
        DataStream<RawFrameRecord> frames = env.fromSource(frameSource, WatermarkStrategy.noWatermarks(), "frames")
                .uid("frames-source")
                .setParallelism(Math.min(parallelism, env.getParallelism()));
        DataStream<RawPromptRecord> prompts = env.fromSource(promptSource, WatermarkStrategy.noWatermarks(), "prompts")
                .uid("prompts-source")
                .setParallelism(1);

        SingleOutputStreamOperator<MaskletFrame> masklets = frames.keyBy(RawStreamKeys::frameKey)
                .connect(prompts.keyBy(RawStreamKeys::promptKey))
                .transform("masklet-tracking", TypeInformation.of(MaskletFrame.class), new MaskletTrackingOperator(config))
                .uid("masklet-tracking")
                .name("masklet-tracking")
                .setParallelism(parallelism);

        for (int i = 0; i < maskletSinks.size(); i++) {
            masklets.sinkTo(maskletSinks.get(i)).uid("masklets-sink-" + i).name("masklets-sink-" + i);
        }
        String outputDir = config.get(JobOptions.OUTPUT_FILE);
        if (outputDir != null) {
            TypeInformation<Either<MaskletFrame, String>> type =
                    new EitherTypeInfo<>(RecordTypes.MASKLET_FRAME, Types.STRING);
            DataStream<Either<MaskletFrame, String>> fileFrames = masklets
                    .map(Either::<MaskletFrame, String>Left).returns(type).name("masklet-file-frames");
            DataStream<Either<MaskletFrame, String>> ends = masklets.getSideOutput(MaskletTrackingFunction.STREAM_ENDS)
                    .map(Either::<MaskletFrame, String>Right).returns(type).name("masklet-file-stream-ends");
            fileFrames.union(ends)
                    .sinkTo(MaskletFileSink.create(outputDir, config.get(JobOptions.OUTPUT_FILE_ROLLOVER)))
                    .uid("masklets-file-sink")
                    .name("masklets-file-sink")
                    .setParallelism(parallelism);
        }
        masklets.getSideOutput(MaskletTrackingFunction.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .uid("dead-letters-sink")
                .name("dead-letters-sink");
    }
}
