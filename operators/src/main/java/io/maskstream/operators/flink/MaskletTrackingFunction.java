package io.maskstream.operators.flink;

import io.maskstream.state.record.RawFrameRecord;
import io.maskstream.state.record.RawPromptRecord;
import io.maskstream.state.record.DeadLetter;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.FrameRecordLimits;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.operators.tracking.FrameDecisions;
import org.apache.flink.api.common.typeinfo.Types;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.record.RejectReason;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.operators.stream.FrameDecoder;
import io.maskstream.operators.stream.FrameStore;
import io.maskstream.operators.stream.ReorderWindow;
import io.maskstream.operators.stream.StreamCursor;
import io.maskstream.operators.stream.StreamCursorSerializer;
import io.maskstream.operators.stream.InstructionStateSerializer;
import io.maskstream.operators.tracking.instruction.InstructionState;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.stream.StateSize;
import io.maskstream.operators.stream.StreamSession;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.StreamTrackerState;
import io.maskstream.state.tracking.StreamTrackerStateSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-stream tracking operator: keyed by the Kafka key (= stream id), it loads the stream's
 * durable state, hands each frame in sequence order to a {@link StreamSession} (plain Java: models +
 * SAM 3 rules), stores the state back and emits the frames the confirmation delay releases.
 *
 * <p>Everything that can be wrong with a record goes to the {@link #DEAD_LETTERS} side output with
 * its reason; nothing here fails the job because of data.
 */
public final class MaskletTrackingFunction
        extends KeyedCoProcessFunction<String, RawFrameRecord, RawPromptRecord, MaskletFrame> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("tracking-dead-letters", TypeInformation.of(DeadLetter.class));

    /**
     * The id of each stream that ended (end-of-stream marker or idle close), emitted after the stream's
     * last masklet frame; the file sink finishes the stream's part file on it.
     */
    public static final OutputTag<String> STREAM_ENDS = new OutputTag<>("stream-ends", Types.STRING);

    private final Configuration config;

    private transient ValueState<StreamCursor> cursorState;
    private transient ValueState<StreamTrackerState> trackerState;
    private transient MapState<Long, RawFrameRecord> reorderBuffer;
    private transient MapState<Long, byte[]> storedFrames;
    private transient ListState<byte[]> pendingPrompts;
    private transient ValueState<Long> idleTimer;
    private transient ValueState<InstructionState> instructionState;
    private transient double instructionHysteresis;

    private transient FrameRecordCodec codec;
    private transient ModelKit models;
    private transient StreamProcessor processor;
    private transient TrackerSettings trackerSettings;
    private transient List<String> defaultConcepts;
    private transient int reorderWindow;
    private transient long maxSeqJump;
    private transient long idleTimeoutMs;
    private transient TrackingMetrics metrics;
    /** Accumulator name: the largest durable state of one stream seen by this job. */
    public static final String MAX_STATE_BYTES_ACCUMULATOR = "maxStateBytesPerStream";
    /** Accumulator names: frames processed, masklet frames released, streams seen, records dead-lettered. */
    public static final String FRAMES_IN_ACCUMULATOR = "framesIn";
    public static final String FRAMES_OUT_ACCUMULATOR = "framesOut";
    public static final String STREAMS_ACCUMULATOR = "streams";
    public static final String DEAD_LETTERS_ACCUMULATOR = "deadLetters";
    private static final int STATE_SAMPLE_EVERY = 30;
    private transient LongMaximum maxStateBytes;
    /** The record being processed, for the origin of its dead letter. */
    private transient RawFrameRecord current;

    /** @param config the job configuration (tracking, inference, stream and job keys) */
    public MaskletTrackingFunction(Configuration config) {
        this.config = new Configuration(config);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        cursorState = getRuntimeContext().getState(new ValueStateDescriptor<>("cursor", StreamCursorSerializer.INSTANCE));
        trackerState = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("tracker", StreamTrackerStateSerializer.INSTANCE));
        reorderBuffer = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "reorder-buffer", TypeInformation.of(Long.class), TypeInformation.of(RawFrameRecord.class)));
        storedFrames = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "memory-frames", LongSerializer.INSTANCE, BytePrimitiveArraySerializer.INSTANCE));
        pendingPrompts = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("pending-prompts", BytePrimitiveArraySerializer.INSTANCE));
        idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-timer", LongSerializer.INSTANCE));
        instructionState = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("instructions", InstructionStateSerializer.INSTANCE));
        instructionHysteresis = config.get(StreamOptions.INSTRUCTION_HYSTERESIS);

        codec = new FrameRecordCodec(new FrameRecordLimits(
                config.get(StreamOptions.MAX_RECORD_BYTES), config.get(StreamOptions.MAX_PIXELS)));
        trackerSettings = TrackerOptions.from(config);
        models = ModelKits.open(config);
        StreamOptions.checkDefaultConcepts(config, models); // at start-up, not on every stream's first frame
        processor = new StreamProcessor(models, trackerSettings);
        defaultConcepts = config.get(StreamOptions.DEFAULT_CONCEPTS);
        reorderWindow = config.get(StreamOptions.REORDER_WINDOW);
        maxSeqJump = config.get(StreamOptions.MAX_SEQ_JUMP);
        idleTimeoutMs = config.get(StreamOptions.IDLE_TIMEOUT).toMillis();
        metrics = new TrackingMetrics(getRuntimeContext(), processor.timings());
        maxStateBytes = new LongMaximum();
        getRuntimeContext().addAccumulator(MAX_STATE_BYTES_ACCUMULATOR, maxStateBytes);
    }

    @Override
    public void close() throws Exception {
        if (models != null) {
            models.close();
        }
    }

    @Override
    public void processElement1(RawFrameRecord raw, Context ctx, Collector<MaskletFrame> out) throws Exception {
        Long armedTimer = idleTimer.value();
        onFrameRecord(raw, ctx, out);
        rearmIdleTimer(ctx, armedTimer);
    }

    private void onFrameRecord(RawFrameRecord raw, Context ctx, Collector<MaskletFrame> out) throws Exception {
        FrameRecord record;
        try {
            record = decode(raw, ctx.getCurrentKey());
        } catch (RecordRejectedException e) {
            deadLetter(ctx, raw.deadLetter(e));
            return;
        }
        StreamCursor cursor = cursor();
        ReorderWindow window = new ReorderWindow(reorderWindow, maxSeqJump, cursor.nextSeq(), keys(reorderBuffer));
        ReorderWindow.Verdict verdict = window.offer(record.seq());
        switch (verdict) {
            case DUPLICATE -> reject(ctx, raw, RejectReason.DUPLICATE_SEQ, "seq " + record.seq() + " already seen");
            case LATE -> reject(ctx, raw, RejectReason.LATE_SEQ,
                    "seq " + record.seq() + " is behind the reorder window (next " + cursor.nextSeq() + ")");
            case TOO_FAR_AHEAD -> reject(ctx, raw, RejectReason.SEQ_TOO_FAR_AHEAD,
                    "seq " + record.seq() + " is more than " + maxSeqJump + " ahead of " + cursor.nextSeq());
            case ACCEPT -> {
                reorderBuffer.put(record.seq(), raw);
                session(ctx).release(window.releasable(), this::bufferedRecord, out::collect);
                sampleStateSize();
            }
        }
    }

    /** Every {@value #STATE_SAMPLE_EVERY} frames, measures the stream's durable state (metric + accumulator). */
    private void sampleStateSize() throws Exception {
        StreamCursor c = cursorState.value();
        if (c == null || c.framesProcessed() % STATE_SAMPLE_EVERY != 0) {
            return;
        }
        List<FrameStore.EncodedFrame> frames = new ArrayList<>();
        StateAccess access = new StateAccess(null);
        for (long s : keys(storedFrames)) {
            frames.add(access.get(s));
        }
        long bytes = StateSize.of(trackerState.value(), c, frames);
        maxStateBytes.add(bytes);
        metrics.stateBytes(bytes);
    }

    @Override
    public void processElement2(RawPromptRecord raw, Context ctx, Collector<MaskletFrame> out) throws Exception {
        PromptCommand prompt;
        try {
            prompt = raw.decode();
            if (!prompt.streamId().equals(ctx.getCurrentKey())) {
                throw new RecordRejectedException(RejectReason.KEY_MISMATCH,
                        "key '" + ctx.getCurrentKey() + "' but streamId '" + prompt.streamId() + "'");
            }
            RecordRejectedException rejected = session(ctx).admit(prompt); // now, not when it takes effect
            if (rejected != null) {
                throw rejected;
            }
        } catch (RecordRejectedException e) {
            deadLetter(ctx, raw.deadLetter(e));
            return;
        } catch (RuntimeException e) {
            deadLetter(ctx, raw.deadLetter(new RecordRejectedException(RejectReason.BAD_PROMPT, e.getMessage())));
            return;
        }
        Long armedTimer = idleTimer.value();
        pendingPrompts.add(PromptCommandJson.encode(prompt));
        rearmIdleTimer(ctx, armedTimer);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MaskletFrame> out) throws Exception {
        Long armed = idleTimer.value();
        if (armed == null || armed != timestamp) {
            return;
        }
        // Idle stream: what waits in the reorder buffer will not be completed; process it, flush, forget.
        StreamSession session = session(ctx);
        session.release(new ReorderWindow(reorderWindow, maxSeqJump, cursor().nextSeq(), keys(reorderBuffer)).drain(),
                this::bufferedRecord, out::collect);
        session.endOfStream(out::collect);
        clearStream(ctx.getCurrentKey());
    }

    StreamProcessor processor() {
        return processor;
    }

    /**
     * What the frame's detector call will be if the record is processed next in its stream: stream, seq,
     * pixels and the stream's current concepts; null for a record that is not a new frame in sequence
     * (rejected, out of order, a marker, undecodable: those run as before). Call with the record's key as
     * the current key; {@code expected} carries each stream's next seq through a batch of records.
     */
    StreamProcessor.DetectionPrefetch detectionPrefetch(RawFrameRecord raw, String key, Map<String, Long> expected)
            throws Exception {
        FrameRecord record;
        try {
            record = decode(raw, key);
        } catch (RecordRejectedException e) {
            return null;
        }
        StreamCursor cursor = cursor();
        List<String> concepts = cursor.concepts() == null ? defaultConcepts : cursor.concepts();
        if (concepts.stream().anyMatch(cursor.exemplars()::containsKey)) {
            return null; // detected with its exemplars when processed; a batch detection without them would be thrown away
        }
        long next = expected.getOrDefault(key, cursor.nextSeq());
        if (record.kind() != FrameRecordKind.FRAME || record.seq() != next || reorderBuffer.contains(record.seq())) {
            return null;
        }
        expected.put(key, next + 1);
        RgbImage image;
        try {
            image = FrameDecoder.decode(new FrameStore.EncodedFrame(
                    record.width(), record.height(), record.encoding(), record.image()));
        } catch (RecordRejectedException e) {
            return null;
        }
        return new StreamProcessor.DetectionPrefetch(key, record.seq(), image, concepts);
    }

    private FrameRecord decode(RawFrameRecord raw, String key) throws RecordRejectedException {
        if (key == null || key.isEmpty()) {
            throw new RecordRejectedException(RejectReason.BAD_STREAM_ID, "record has no key; the key must be the streamId");
        }
        return raw.decode(codec);
    }

    private FrameRecord bufferedRecord(long seq) throws Exception {
        RawFrameRecord raw = reorderBuffer.get(seq);
        reorderBuffer.remove(seq);
        current = raw;
        return raw.decode(codec);
    }

    private StreamSession session(Context ctx) {
        String streamId = ctx.getCurrentKey();
        return new StreamSession(
                streamId,
                processor,
                trackerSettings,
                defaultConcepts,
                new StateAccess(ctx),
                new StreamSession.Listener() {
                    @Override
                    public void frameProcessed(String id, FrameDecisions decisions, int liveMasklets) {
                        metrics.frameProcessed(id, decisions, liveMasklets);
                    }

                    @Override
                    public void frameReleased(MaskletFrame frame) {
                        metrics.frameReleased(frame);
                    }

                    @Override
                    public void streamEnded(String id) {
                        ctx.output(STREAM_ENDS, id);
                    }
                },
                instructionHysteresis);
    }

    private StreamCursor cursor() throws Exception {
        StreamCursor c = cursorState.value();
        return c == null ? StreamCursor.start() : c;
    }

    /** Moves the idle timer to now + timeout while the stream has state; removes it once it has none. */
    private void rearmIdleTimer(Context ctx, Long armed) throws Exception {
        if (armed != null) {
            ctx.timerService().deleteProcessingTimeTimer(armed);
        }
        boolean hasState = cursorState.value() != null || !reorderBuffer.isEmpty() || pendingPrompts.get().iterator().hasNext();
        if (hasState) {
            long at = ctx.timerService().currentProcessingTime() + idleTimeoutMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            idleTimer.update(at);
        } else {
            idleTimer.clear();
        }
    }

    private void reject(Context ctx, RawFrameRecord raw, RejectReason reason, String detail) {
        deadLetter(ctx, raw.deadLetter(new RecordRejectedException(reason, detail)));
    }

    private void deadLetter(Context ctx, DeadLetter letter) {
        metrics.deadLetter(letter.reason());
        ctx.output(DEAD_LETTERS, letter);
    }

    private void clearStream(String streamId) throws Exception {
        cursorState.clear();
        trackerState.clear();
        reorderBuffer.clear();
        storedFrames.clear();
        pendingPrompts.clear();
        idleTimer.clear();
        instructionState.clear();
        processor.forget(streamId);
    }

    private static List<Long> keys(MapState<Long, ?> map) throws Exception {
        List<Long> out = new ArrayList<>();
        for (Long k : map.keys()) {
            out.add(k);
        }
        return out;
    }

    /** The stream's durable state as the session sees it, backed by this key's Flink state. */
    private final class StateAccess implements StreamSession.StreamState, FrameStore {
        private final Context ctx;

        StateAccess(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public StreamCursor cursor() throws Exception {
            return MaskletTrackingFunction.this.cursor();
        }

        @Override
        public void saveCursor(StreamCursor c) throws Exception {
            cursorState.update(c);
        }

        @Override
        public StreamTrackerState tracker() throws Exception {
            return trackerState.value();
        }

        @Override
        public void saveTracker(StreamTrackerState s) throws Exception {
            trackerState.update(s);
        }

        @Override
        public List<PromptCommand> takePrompts(long seq) throws Exception {
            List<PromptCommand> due = new ArrayList<>();
            List<byte[]> keep = new ArrayList<>();
            for (byte[] b : pendingPrompts.get()) {
                PromptCommand p = PromptCommandJson.decode(b);
                if (p.seq() == null || p.seq() <= seq) {
                    due.add(p);
                } else {
                    keep.add(b);
                }
            }
            if (!due.isEmpty()) {
                pendingPrompts.update(keep);
            }
            return due;
        }

        @Override
        public void rejectPrompt(PromptCommand prompt, RecordRejectedException why) {
            deadLetter(ctx, new DeadLetter(why.reason().label(), why.detail(), "prompts", -1, -1,
                    ctx.timestamp() == null ? 0 : ctx.timestamp(), prompt.streamId(), null,
                    PromptCommandJson.encode(prompt)));
        }

        @Override
        public void rejectFrame(FrameRecord frame, RecordRejectedException why) {
            deadLetter(ctx, current.deadLetter(why));
        }

        @Override
        public FrameStore frames() {
            return this;
        }

        @Override
        public InstructionState instructions() throws Exception {
            return instructionState.value();
        }

        @Override
        public void saveInstructions(InstructionState s) throws Exception {
            if (s == null) {
                instructionState.clear();
            } else {
                instructionState.update(s);
            }
        }

        @Override
        public void clear() throws Exception {
            clearStream(ctx.getCurrentKey());
        }

        @Override
        public EncodedFrame get(long seq) throws Exception {
            byte[] b = storedFrames.get(seq);
            if (b == null) {
                return null;
            }
            FrameRecord r = codec.decode(b);
            return new EncodedFrame(r.width(), r.height(), r.encoding(), r.image());
        }

        @Override
        public void put(long seq, EncodedFrame frame) throws Exception {
            storedFrames.put(seq, FrameRecordCodec.encode(FrameRecord.frame(
                    ctx.getCurrentKey(), seq, 0, 0, frame.width(), frame.height(), frame.encoding(), frame.bytes())));
        }

        @Override
        public void remove(long seq) throws Exception {
            storedFrames.remove(seq);
        }

        @Override
        public List<Long> seqs() throws Exception {
            return keys(storedFrames);
        }
    }
}
