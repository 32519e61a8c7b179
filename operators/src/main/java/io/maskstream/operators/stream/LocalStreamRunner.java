package io.maskstream.operators.stream;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.operators.tracking.instruction.InstructionState;
import io.maskstream.state.tracking.StreamTrackerState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs one stream's records through a {@link StreamSession} in this thread, with its state in plain
 * maps: the tracker without Flink and Kafka. The job must give exactly the same frames; the quality
 * suite and the bench use this path as the reference.
 */
public final class LocalStreamRunner {
    private final StreamProcessor processor;
    private final TrackerSettings settings;
    private final List<String> defaultConcepts;
    private final InMemoryState state = new InMemoryState();
    private final List<String> rejections = new ArrayList<>();
    private final List<String> rejectionMessages = new ArrayList<>();
    private final String streamId;
    private final double instructionHysteresis;
    private final StreamSession.Listener listener;

    public LocalStreamRunner(String streamId, StreamProcessor processor, TrackerSettings settings, List<String> defaultConcepts) {
        this(streamId, processor, settings, defaultConcepts, StreamOptions.INSTRUCTION_HYSTERESIS.defaultValue());
    }

    /** @param instructionHysteresis {@code stream.instruction-hysteresis} */
    public LocalStreamRunner(String streamId, StreamProcessor processor, TrackerSettings settings, List<String> defaultConcepts,
                             double instructionHysteresis) {
        this(streamId, processor, settings, defaultConcepts, instructionHysteresis, new StreamSession.Listener() {
            @Override
            public void frameProcessed(String id, FrameDecisions decisions, int liveMasklets) {}

            @Override
            public void frameReleased(MaskletFrame frame) {}
        });
    }

    /** A runner whose session reports its progress to {@code listener}. */
    public LocalStreamRunner(String streamId, StreamProcessor processor, TrackerSettings settings,
                             List<String> defaultConcepts, StreamSession.Listener listener) {
        this(streamId, processor, settings, defaultConcepts, StreamOptions.INSTRUCTION_HYSTERESIS.defaultValue(), listener);
    }

    /** A runner whose session reports its progress to {@code listener}. */
    public LocalStreamRunner(String streamId, StreamProcessor processor, TrackerSettings settings,
                             List<String> defaultConcepts, double instructionHysteresis, StreamSession.Listener listener) {
        this.instructionHysteresis = instructionHysteresis;
        this.streamId = streamId;
        this.processor = processor;
        this.settings = settings;
        this.defaultConcepts = List.copyOf(defaultConcepts);
        this.listener = listener;
    }

    /** Queues a prompt, checked as the job checks it on arrival; it takes effect at its seq (or the next frame). */
    public void prompt(PromptCommand p) throws Exception {
        RecordRejectedException rejected = session().admit(p);
        if (rejected != null) {
            state.rejectPrompt(p, rejected);
        } else {
            state.prompts.add(p);
        }
    }

    /** Processes records already in sequence order; released frames go to {@code out}. */
    public void process(FrameRecord record, Consumer<MaskletFrame> out) throws Exception {
        session().release(List.of(record.seq()), seq -> record, out);
    }

    /** Flushes the pending window (as an end-of-stream marker does). */
    public void finish(Consumer<MaskletFrame> out) throws Exception {
        session().endOfStream(out);
    }

    /** Reasons of rejected frames and prompts, in order. */
    public List<String> rejections() {
        return rejections;
    }

    /** Reason and message of rejected frames and prompts, in order ({@code reason: message}). */
    public List<String> rejectionMessages() {
        return rejectionMessages;
    }

    /** Bytes of durable state the stream holds now (tracker state + stored frames + cursor). */
    public long durableStateBytes() throws Exception {
        return StateSize.of(state.tracker, state.cursor, state.frames.values());
    }

    /** The tracker's durable state now, or null before the first frame of an epoch. */
    public StreamTrackerState trackerState() {
        return state.tracker;
    }

    /** The stream's instruction state now, or null while it has no instructions. */
    public InstructionState instructionState() {
        return state.instructions;
    }

    /** Seqs of the frames whose bytes the stream keeps now, ascending. */
    public List<Long> storedFrameSeqs() {
        return state.seqs();
    }

    /** Bytes of the stored frames now (image bytes plus a small per-entry overhead, as {@link StateSize}). */
    public long storedFrameBytes() {
        return StateSize.of(null, state.cursor, state.frames.values()) - StateSize.of(null, state.cursor, List.of());
    }

    /** Stored frames and tracker state size, for diagnostics. */
    public String debugSummary() {
        return "frames=" + state.frames.size() + " trackerBytes=" + StateSize.of(state.tracker, state.cursor, List.of());
    }

    private StreamSession session() {
        return new StreamSession(streamId, processor, settings, defaultConcepts, state, listener, instructionHysteresis);
    }

    private final class InMemoryState implements StreamSession.StreamState, FrameStore {
        StreamCursor cursor = StreamCursor.start();
        StreamTrackerState tracker;
        InstructionState instructions;
        final List<PromptCommand> prompts = new ArrayList<>();
        final TreeMap<Long, EncodedFrame> frames = new TreeMap<>();

        @Override
        public StreamCursor cursor() {
            return cursor;
        }

        @Override
        public void saveCursor(StreamCursor c) {
            cursor = c;
        }

        @Override
        public StreamTrackerState tracker() {
            return tracker;
        }

        @Override
        public void saveTracker(StreamTrackerState s) {
            tracker = s;
        }

        @Override
        public List<PromptCommand> takePrompts(long seq) {
            List<PromptCommand> due = new ArrayList<>();
            prompts.removeIf(p -> {
                if (p.seq() == null || p.seq() <= seq) {
                    due.add(p);
                    return true;
                }
                return false;
            });
            return due;
        }

        @Override
        public void rejectPrompt(PromptCommand prompt, RecordRejectedException why) {
            reject(why);
        }

        @Override
        public void rejectFrame(FrameRecord frame, RecordRejectedException why) {
            reject(why);
        }

        private void reject(RecordRejectedException why) {
            rejections.add(why.reason().label());
            rejectionMessages.add(why.reason().label() + ": " + why.detail());
        }

        @Override
        public FrameStore frames() {
            return this;
        }

        @Override
        public InstructionState instructions() {
            return instructions;
        }

        @Override
        public void saveInstructions(InstructionState s) {
            instructions = s;
        }

        @Override
        public void clear() {
            cursor = StreamCursor.start();
            tracker = null;
            instructions = null;
            prompts.clear();
            frames.clear();
        }

        @Override
        public EncodedFrame get(long seq) {
            return frames.get(seq);
        }

        @Override
        public void put(long seq, EncodedFrame frame) {
            frames.put(seq, frame);
        }

        @Override
        public void remove(long seq) {
            frames.remove(seq);
        }

        @Override
        public List<Long> seqs() {
            return new ArrayList<>(frames.keySet());
        }
    }
}
