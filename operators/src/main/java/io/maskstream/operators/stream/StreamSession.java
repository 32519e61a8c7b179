package io.maskstream.operators.stream;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.PromptAction;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.state.record.RejectReason;
import io.maskstream.operators.inference.Exemplar;
import io.maskstream.operators.inference.ExemplarsUnsupportedException;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.UnknownConceptException;
import io.maskstream.operators.stream.FrameStore.EncodedFrame;
import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.tracking.OutputFrame;
import io.maskstream.operators.tracking.StreamTracker;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.operators.tracking.instruction.InstructionFollower;
import io.maskstream.operators.tracking.instruction.InstructionParser;
import io.maskstream.operators.tracking.instruction.InstructionState;
import io.maskstream.operators.tracking.instruction.InstructionSyntaxException;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.StreamTrackerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One stream's records, taken in sequence order: frames go through the models and the SAM 3 rules,
 * prompts take effect at their seq, epoch markers reset the tracker, end-of-stream flushes the
 * pending window and clears the stream. Plain Java over a {@link StreamState}: Flink state in the
 * job, maps in tests.
 */
public final class StreamSession {
    private final String streamId;
    private final StreamProcessor processor;
    private final TrackerSettings settings;
    private final List<String> defaultConcepts;
    private final StreamState state;
    private final Listener listener;
    private final InstructionFollower follower;

    public StreamSession(
            String streamId,
            StreamProcessor processor,
            TrackerSettings settings,
            List<String> defaultConcepts,
            StreamState state,
            Listener listener) {
        this(streamId, processor, settings, defaultConcepts, state, listener,
                StreamOptions.INSTRUCTION_HYSTERESIS.defaultValue());
    }

    /** @param instructionHysteresis {@code stream.instruction-hysteresis} */
    public StreamSession(
            String streamId,
            StreamProcessor processor,
            TrackerSettings settings,
            List<String> defaultConcepts,
            StreamState state,
            Listener listener,
            double instructionHysteresis) {
        this.follower = new InstructionFollower(instructionHysteresis);
        this.streamId = streamId;
        this.processor = processor;
        this.settings = settings;
        this.defaultConcepts = List.copyOf(defaultConcepts);
        this.state = state;
        this.listener = listener;
    }

    /** Where the session reads and writes a stream's durable state. */
    public interface StreamState {
        StreamCursor cursor() throws Exception;

        void saveCursor(StreamCursor cursor) throws Exception;

        /** The tracker's state, or null for a fresh stream or epoch. */
        StreamTrackerState tracker() throws Exception;

        /** Saves the tracker's state; null clears it. */
        void saveTracker(StreamTrackerState tracker) throws Exception;

        /** Removes and returns the prompts due at or before {@code seq} (those without seq first come). */
        List<PromptCommand> takePrompts(long seq) throws Exception;

        void rejectPrompt(PromptCommand prompt, RecordRejectedException why) throws Exception;

        void rejectFrame(FrameRecord frame, RecordRejectedException why) throws Exception;

        FrameStore frames();

        /** The stream's instructions and masklet histories, or null when it has none. */
        InstructionState instructions() throws Exception;

        /** Saves them; null clears them. */
        void saveInstructions(InstructionState instructions) throws Exception;

        /** Forgets everything about the stream. */
        void clear() throws Exception;
    }

    /** Gives the records for seqs the reorder window released. */
    @FunctionalInterface
    public interface RecordSource {
        FrameRecord take(long seq) throws Exception;
    }

    /** Observes a stream's progress (metrics). */
    public interface Listener {
        void frameProcessed(String streamId, FrameDecisions decisions, int liveMasklets);

        void frameReleased(MaskletFrame frame);

        /** The stream ended (end-of-stream marker or idle close) after its last frame was released. */
        default void streamEnded(String streamId) {}

        /**
         * Frame {@code seq} was decoded and encoded, before its prompts and the rules: the features the
         * session's box and point prompts of this frame are segmented on (offline labelling probes them).
         */
        default void frameEncoded(String streamId, long seq, RgbImage image, FrameFeatures features) {}
    }

    /** Concepts a prompt names (for validation on arrival). */
    public static List<String> conceptsNamedBy(PromptCommand p) {
        List<String> out = new ArrayList<>(p.concepts());
        if (p.concept() != null) {
            out.add(p.concept());
        }
        return out;
    }

    /**
     * Checks a prompt when it arrives, before it waits for its frame: null when it can take effect,
     * otherwise why not (a concept the model cannot represent; a box or points for a frame this stream
     * has already processed — they must name a frame still to come, or no frame).
     */
    public RecordRejectedException admit(PromptCommand p) throws Exception {
        if (p.action() == PromptAction.ADD_INSTRUCTION) {
            try {
                if (processor.instructionsGoToTheModel()) {
                    processor.checkInstruction(p.instruction());
                } else {
                    InstructionParser.parse(p.instruction());
                }
            } catch (InstructionSyntaxException | UnknownConceptException e) {
                return new RecordRejectedException(RejectReason.BAD_INSTRUCTION,
                        "instruction '" + p.instruction() + "': " + e.getMessage());
            }
        }
        for (String c : conceptsNamedBy(p)) {
            try {
                processor.concept(c);
            } catch (UnknownConceptException e) {
                return new RecordRejectedException(RejectReason.UNKNOWN_CONCEPT, e.getMessage());
            }
        }
        if (p.action() == PromptAction.ADD_EXEMPLAR && processor.exemplarsUnsupported() != null) {
            return new RecordRejectedException(RejectReason.EXEMPLARS_UNSUPPORTED, processor.exemplarsUnsupported());
        }
        StreamCursor cursor = state.cursor();
        boolean objectPrompt = p.action() == PromptAction.ADD_BOX || p.action() == PromptAction.ADD_POINTS
                || p.action() == PromptAction.ADD_EXEMPLAR;
        if (objectPrompt && p.seq() != null && p.seq() < cursor.nextSeq()) {
            return new RecordRejectedException(RejectReason.LATE_SEQ, p.action().label() + " for frame " + p.seq()
                    + " arrived after that frame was processed (" + streamId + " is at frame " + cursor.nextSeq()
                    + "); send it with the seq of a frame still to come, or without seq for the next frame");
        }
        return null;
    }

    /** Processes released records in order. */
    public void release(List<Long> seqs, RecordSource source, Consumer<MaskletFrame> out) throws Exception {
        for (long seq : seqs) {
            FrameRecord r = source.take(seq);
            switch (r.kind()) {
                case FRAME -> frame(r, out);
                case STREAM_EPOCH -> {
                    flush(r.captureTime(), out);
                    resetTracker();
                    state.saveCursor(state.cursor().nextEpoch(r.epoch()).withNextSeq(seq + 1));
                }
                case END_OF_STREAM -> {
                    flush(r.captureTime(), out);
                    rejectWaitingPrompts();
                    state.clear();
                    processor.forget(streamId);
                    listener.streamEnded(streamId);
                    return;
                }
            }
        }
    }

    /** Flushes the pending window and forgets the stream (end of stream, idle close). */
    public void endOfStream(Consumer<MaskletFrame> out) throws Exception {
        StreamCursor c = state.cursor();
        long last = c.pendingCaptureTimes().isEmpty() ? 0 : c.pendingCaptureTimes().lastEntry().getValue();
        flush(last, out);
        rejectWaitingPrompts();
        state.clear();
        processor.forget(streamId);
        listener.streamEnded(streamId);
    }

    /** Prompts still waiting for their frame when the stream ends: no frame will come for them. */
    private void rejectWaitingPrompts() throws Exception {
        long next = state.cursor().nextSeq();
        for (PromptCommand p : state.takePrompts(Long.MAX_VALUE)) {
            state.rejectPrompt(p, new RecordRejectedException(RejectReason.STREAM_ENDED, streamId + " ended at frame "
                    + next + (p.seq() == null ? ", before any frame came for the prompt" : ", before frame " + p.seq())));
        }
    }

    private void frame(FrameRecord r, Consumer<MaskletFrame> out) throws Exception {
        StreamCursor cursor = state.cursor();
        boolean newEpoch = cursor.framesProcessed() > 0 && r.epoch() != cursor.epoch();
        boolean newSize = cursor.width() != 0 && (r.width() != cursor.width() || r.height() != cursor.height());
        if (newEpoch || newSize) {
            // A camera that comes back, or changes resolution, is a new epoch: old masklets end here.
            flush(r.captureTime(), out);
            resetTracker();
            cursor = state.cursor().nextEpoch(r.epoch());
        }
        cursor = cursor.withNextSeq(Math.max(cursor.nextSeq(), r.seq() + 1));
        EncodedFrame encoded = new EncodedFrame(r.width(), r.height(), r.encoding(), r.image());
        RgbImage image;
        try {
            image = FrameDecoder.decode(encoded);
        } catch (RecordRejectedException e) {
            state.saveCursor(cursor);
            state.rejectFrame(r, e);
            return;
        }
        StreamTrackerState saved = state.tracker();
        StreamTracker tracker = saved == null ? new StreamTracker(settings) : StreamTracker.restore(settings, saved);
        FrameFeatures features = processor.encodeFrame(streamId, r.seq(), image, state.frames());
        listener.frameEncoded(streamId, r.seq(), image, features);
        List<PromptCommand> objectPrompts = new ArrayList<>();
        for (PromptCommand p : state.takePrompts(r.seq())) {
            if (p.action() == PromptAction.ADD_BOX || p.action() == PromptAction.ADD_POINTS) {
                objectPrompts.add(p);
            } else if (p.action() == PromptAction.ADD_INSTRUCTION || p.action() == PromptAction.REMOVE_INSTRUCTION) {
                cursor = applyInstruction(p, p.seq() != null ? p.seq() : r.seq(), cursor, tracker);
            } else if (p.action() == PromptAction.ADD_EXEMPLAR) {
                cursor = addExemplar(p, cursor, r, image);
            } else {
                cursor = applyBeforeFrame(p, cursor, tracker);
            }
        }
        List<String> concepts = cursor.concepts() == null ? defaultConcepts : cursor.concepts();
        Map<String, List<Exemplar>> exemplars = new LinkedHashMap<>(cursor.exemplars());
        exemplars.keySet().retainAll(concepts);

        FrameDecisions decisions = processor.process(
                streamId, tracker, r.seq(), image, features, encoded, concepts, exemplars, state.frames());
        // A box or points is drawn on this frame's pixels: the tracker takes it on this frame as processed,
        // while the frame is still pending output (or, with the confirmation delay off, from the next frame).
        for (PromptCommand p : objectPrompts) {
            applyToFrame(p, tracker, r, features, encoded);
        }
        StreamTrackerState trackerAfter = tracker.state();
        measureColours(r.seq(), image, decisions, trackerAfter);
        cursor = cursor.processed(r.seq(), r.captureTime(), r.width(), r.height());
        List<Long> released = new ArrayList<>();
        for (OutputFrame f : decisions.released()) {
            emit(f, cursor, r.captureTime(), out);
            released.add(f.seq());
        }
        state.saveCursor(cursor.released(released));
        state.saveTracker(trackerAfter);
        listener.frameProcessed(streamId, decisions, tracker.liveMaskletIds().size());
    }

    /** Concept changes and object removals: they take effect before the frame is detected and tracked. */
    private StreamCursor applyBeforeFrame(PromptCommand p, StreamCursor cursor, StreamTracker tracker) throws Exception {
        List<String> concepts = cursor.concepts() == null ? defaultConcepts : cursor.concepts();
        switch (p.action()) {
            case SET_CONCEPTS -> cursor = cursor.withConcepts(p.concepts());
            case ADD_CONCEPT -> {
                Set<String> s = new LinkedHashSet<>(concepts);
                s.add(p.concept());
                cursor = cursor.withConcepts(List.copyOf(s));
            }
            case REMOVE_CONCEPT -> {
                List<String> s = new ArrayList<>(concepts);
                s.remove(p.concept());
                cursor = cursor.withConcepts(s).withoutExemplars(p.concept());
                tracker.removeConcept(p.concept());
            }
            case CLEAR_EXEMPLARS -> cursor = cursor.withoutExemplars(p.concept());
            case REMOVE_OBJECT -> {
                if (!tracker.liveMaskletIds().contains(p.objectId())) {
                    state.rejectPrompt(p, new RecordRejectedException(
                            RejectReason.UNKNOWN_OBJECT, "no live object " + p.objectId() + " on " + streamId));
                } else {
                    tracker.removeMasklet(p.objectId());
                }
            }
            case ADD_BOX, ADD_POINTS, ADD_EXEMPLAR ->
                    throw new IllegalArgumentException(p.action() + " applies to a decoded frame");
            case ADD_INSTRUCTION, REMOVE_INSTRUCTION -> throw new IllegalArgumentException(p.action() + " is no concept");
        }
        return cursor;
    }

    /**
     * Adds or removes an instruction from output frame {@code seq} on (docs/instructions.md). With an
     * instruction encoder in the models, the instruction is also a detection prompt: its concept joins the
     * stream's concepts (and leaves them, ending its masklets, on removal).
     */
    private StreamCursor applyInstruction(PromptCommand p, long seq, StreamCursor cursor, StreamTracker tracker)
            throws Exception {
        InstructionState current = state.instructions();
        current = current == null ? InstructionState.empty() : current;
        List<String> concepts = new ArrayList<>(cursor.concepts() == null ? defaultConcepts : cursor.concepts());
        InstructionState next;
        if (p.action() == PromptAction.ADD_INSTRUCTION) {
            boolean byModel = processor.instructionsGoToTheModel();
            try {
                next = follower.add(current, p.instructionName(), p.instruction(), seq, byModel);
            } catch (InstructionSyntaxException | IllegalStateException e) {
                state.rejectPrompt(p, new RecordRejectedException(RejectReason.BAD_INSTRUCTION, e.getMessage()));
                return cursor;
            }
            String concept = InstructionFollower.modelConcept(p.instruction());
            if (byModel && !concepts.contains(concept)) {
                concepts.add(concept);
                cursor = cursor.withConcepts(concepts);
            }
        } else {
            next = InstructionFollower.remove(current, p.name(), seq);
            if (next == null) {
                state.rejectPrompt(p, new RecordRejectedException(RejectReason.BAD_INSTRUCTION,
                        "no instruction named '" + p.name() + "' on " + streamId));
                return cursor;
            }
            for (InstructionState.Active a : current.instructions()) {
                String concept = InstructionFollower.modelConcept(a.text());
                if (a.byModel() && a.name().equals(p.name()) && concepts.remove(concept)) {
                    cursor = cursor.withConcepts(concepts);
                    tracker.removeConcept(concept);
                }
            }
        }
        state.saveInstructions(next);
        return cursor;
    }

    /** While the stream has instructions: the mean colour under each masklet's mask on processed frame {@code seq}. */
    private void measureColours(long seq, RgbImage image, FrameDecisions decisions, StreamTrackerState tracker)
            throws Exception {
        InstructionState current = state.instructions();
        if (current == null) {
            return;
        }
        Map<Integer, Mask> masks = new TreeMap<>();
        for (OutputFrame f : decisions.released()) {
            if (f.seq() == seq) {
                f.objects().forEach(o -> masks.put(o.maskletId(), o.mask()));
            }
        }
        for (var pending : tracker.pendingFrames()) {
            if (pending.seq() == seq) {
                pending.objects().forEach(o -> masks.put(o.maskletId(), o.mask().decode()));
            }
        }
        state.saveInstructions(InstructionFollower.measure(current, seq, image, masks));
    }

    /**
     * An image exemplar drawn on frame {@code r}, before it is detected: the kit's detector describes it on
     * these pixels, the stream keeps it with its concept (added to the stream's concepts if missing), and it
     * counts from this frame on. What cannot be used is rejected.
     */
    private StreamCursor addExemplar(PromptCommand p, StreamCursor cursor, FrameRecord r, RgbImage image)
            throws Exception {
        String onFrame = " on " + streamId + " frame " + r.seq();
        if (!inside(p.box(), r)) {
            state.rejectPrompt(p, new RecordRejectedException(RejectReason.BOX_OUTSIDE_FRAME,
                    "box " + p.box() + " is not inside the " + r.width() + "x" + r.height() + " frame" + onFrame));
            return cursor;
        }
        Exemplar exemplar;
        try {
            exemplar = processor.exemplar(image, p.box(), p.positive());
        } catch (ExemplarsUnsupportedException e) {
            state.rejectPrompt(p, new RecordRejectedException(RejectReason.EXEMPLARS_UNSUPPORTED, e.getMessage()));
            return cursor;
        } catch (RuntimeException e) {
            state.rejectPrompt(p, new RecordRejectedException(RejectReason.BAD_PROMPT,
                    "the exemplar could not be used" + onFrame + ": " + e.getMessage()));
            return cursor;
        }
        String concept = p.exemplarConcept();
        List<String> concepts = cursor.concepts() == null ? defaultConcepts : cursor.concepts();
        if (!concepts.contains(concept)) {
            List<String> more = new ArrayList<>(concepts);
            more.add(concept);
            cursor = cursor.withConcepts(more);
        }
        return cursor.withExemplar(concept, exemplar);
    }

    private static boolean inside(Box b, FrameRecord r) {
        return b.x1() >= 0 && b.y1() >= 0 && b.x2() <= r.width() && b.y2() <= r.height() && b.width() > 0
                && b.height() > 0;
    }

    /**
     * A box or points on frame {@code r}, which the tracker has just processed: the model's mask for it
     * refines masklet {@code objectId}, or starts a new masklet. What cannot be applied is rejected.
     */
    private void applyToFrame(PromptCommand p, StreamTracker tracker, FrameRecord r, FrameFeatures features,
                              EncodedFrame encoded) throws Exception {
        String onFrame = " on " + streamId + " frame " + r.seq();
        if (p.objectId() != null && !tracker.liveMaskletIds().contains(p.objectId())) {
            state.rejectPrompt(p, new RecordRejectedException(
                    RejectReason.UNKNOWN_OBJECT, "no live object " + p.objectId() + " to refine" + onFrame));
            return;
        }
        Mask mask;
        String what;
        if (p.box() != null) {
            Box b = p.box();
            if (!inside(b, r)) {
                state.rejectPrompt(p, new RecordRejectedException(RejectReason.BOX_OUTSIDE_FRAME,
                        "box " + b + " is not inside the " + r.width() + "x" + r.height() + " frame" + onFrame));
                return;
            }
            what = "box " + b;
        } else {
            for (var pt : p.points()) {
                if (pt.x() < 0 || pt.y() < 0 || pt.x() >= r.width() || pt.y() >= r.height()) {
                    state.rejectPrompt(p, new RecordRejectedException(RejectReason.BOX_OUTSIDE_FRAME,
                            "point (" + pt.x() + ", " + pt.y() + ") is outside the " + r.width() + "x" + r.height()
                                    + " frame" + onFrame));
                    return;
                }
            }
            what = "points";
        }
        try {
            mask = p.box() != null ? processor.segmentFromBox(features, p.box())
                    : processor.segmentFromPoints(features, p.points());
            if (mask.isEmpty()) {
                state.rejectPrompt(p, new RecordRejectedException(RejectReason.BAD_PROMPT,
                        "the model selects no pixels for the " + what + onFrame));
                return;
            }
            if (p.objectId() != null) {
                tracker.refineMasklet(p.objectId(), r.seq(), mask);
            } else {
                tracker.addPromptedMasklet(r.seq(), mask, p.concept() == null ? "object" : p.concept());
            }
        } catch (RuntimeException e) {
            // a model that cannot segment this prompt: the prompt is bad for this stream, the job goes on
            state.rejectPrompt(p, new RecordRejectedException(RejectReason.BAD_PROMPT,
                    "the " + what + " could not be applied" + onFrame + ": " + e.getMessage()));
            return;
        }
        processor.keepReferencedFrame(tracker, r.seq(), encoded, state.frames());
    }

    private void flush(long emitTime, Consumer<MaskletFrame> out) throws Exception {
        StreamTrackerState saved = state.tracker();
        if (saved == null) {
            return;
        }
        StreamCursor cursor = state.cursor();
        StreamTracker tracker = StreamTracker.restore(settings, saved);
        List<Long> released = new ArrayList<>();
        for (OutputFrame f : tracker.flush()) {
            emit(f, cursor, emitTime, out);
            released.add(f.seq());
        }
        state.saveCursor(cursor.released(released));
        state.saveTracker(tracker.state());
    }

    private void resetTracker() throws Exception {
        state.saveTracker(null);
        InstructionState instructions = state.instructions();
        if (instructions != null) {
            state.saveInstructions(InstructionFollower.forgetMasklets(instructions));
        }
        FrameStore frames = state.frames();
        for (long s : frames.seqs()) {
            frames.remove(s);
        }
        processor.forget(streamId);
    }

    private void emit(OutputFrame f, StreamCursor cursor, long emitTime, Consumer<MaskletFrame> out) throws Exception {
        long captureTime = cursor.captureTimeOf(f.seq());
        MaskletFrame frame = MaskletFrames.of(
                streamId, f, captureTime, emitTime, cursor.width(), cursor.height(), processor::maskSource);
        InstructionState instructions = state.instructions();
        if (instructions != null) {
            InstructionFollower.Released r = follower.release(instructions, f, captureTime, cursor.width(), cursor.height());
            state.saveInstructions(r.state().instructions().isEmpty() ? null : r.state());
            frame = MaskletFrames.withInstructions(frame, r.names());
        }
        listener.frameReleased(frame);
        out.accept(frame);
    }
}
