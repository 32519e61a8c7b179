package io.maskstream.operators.stream;

import io.maskstream.connectors.record.FrameRecord;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.connectors.record.PromptCommand;
import io.maskstream.connectors.record.RecordRejectedException;
import io.maskstream.connectors.record.RejectReason;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.stream.FrameStore.EncodedFrame;
import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.tracking.OutputFrame;
import io.maskstream.operators.tracking.StreamTracker;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.StreamTrackerState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    public StreamSession(
            String streamId,
            StreamProcessor processor,
            TrackerSettings settings,
            List<String> defaultConcepts,
            StreamState state,
            Listener listener) {
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
    }

    /** Concepts a prompt names (for validation on arrival). */
    public static List<String> conceptsNamedBy(PromptCommand p) {
        List<String> out = new ArrayList<>(p.concepts());
        if (p.concept() != null) {
            out.add(p.concept());
        }
        return out;
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
                    state.clear();
                    processor.forget(streamId);
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
        state.clear();
        processor.forget(streamId);
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
        cursor = applyPrompts(cursor, tracker, r, features);
        List<String> concepts = cursor.concepts() == null ? defaultConcepts : cursor.concepts();

        FrameDecisions decisions = processor.process(
                streamId, tracker, r.seq(), image, features, encoded, concepts, state.frames());
        cursor = cursor.processed(r.seq(), r.captureTime(), r.width(), r.height());
        List<Long> released = new ArrayList<>();
        for (OutputFrame f : decisions.released()) {
            emit(f, cursor, r.captureTime(), out);
            released.add(f.seq());
        }
        state.saveCursor(cursor.released(released));
        state.saveTracker(tracker.state());
        listener.frameProcessed(streamId, decisions, tracker.liveMaskletIds().size());
    }

    private StreamCursor applyPrompts(StreamCursor cursor, StreamTracker tracker, FrameRecord r, FrameFeatures features)
            throws Exception {
        for (PromptCommand p : state.takePrompts(r.seq())) {
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
                    cursor = cursor.withConcepts(s);
                    tracker.removeConcept(p.concept());
                }
                case REMOVE_OBJECT -> {
                    if (!tracker.liveMaskletIds().contains(p.objectId())) {
                        state.rejectPrompt(p, new RecordRejectedException(
                                RejectReason.UNKNOWN_OBJECT, "no live object " + p.objectId() + " on " + streamId));
                    } else {
                        tracker.removeMasklet(p.objectId());
                    }
                }
                case ADD_BOX, ADD_POINTS -> addObject(p, tracker, r, features);
            }
        }
        return cursor;
    }

    private void addObject(PromptCommand p, StreamTracker tracker, FrameRecord r, FrameFeatures features)
            throws Exception {
        if (p.objectId() != null && !tracker.liveMaskletIds().contains(p.objectId())) {
            state.rejectPrompt(p, new RecordRejectedException(
                    RejectReason.UNKNOWN_OBJECT, "no live object " + p.objectId() + " to refine on " + streamId));
            return;
        }
        Mask mask;
        if (p.box() != null) {
            Box b = p.box();
            if (b.x1() < 0 || b.y1() < 0 || b.x2() > r.width() || b.y2() > r.height() || b.width() <= 0 || b.height() <= 0) {
                state.rejectPrompt(p, new RecordRejectedException(RejectReason.BOX_OUTSIDE_FRAME,
                        "box " + b + " is not inside the " + r.width() + "x" + r.height() + " frame"));
                return;
            }
            mask = processor.segmentFromBox(features, b);
        } else {
            for (var pt : p.points()) {
                if (pt.x() < 0 || pt.y() < 0 || pt.x() >= r.width() || pt.y() >= r.height()) {
                    state.rejectPrompt(p, new RecordRejectedException(RejectReason.BOX_OUTSIDE_FRAME,
                            "point (" + pt.x() + ", " + pt.y() + ") is outside the " + r.width() + "x" + r.height()
                                    + " frame"));
                    return;
                }
            }
            mask = processor.segmentFromPoints(features, p.points());
        }
        if (p.objectId() != null) {
            tracker.removeMasklet(p.objectId());
        }
        tracker.addPromptedMasklet(r.seq(), mask, p.concept() == null ? "object" : p.concept());
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
        FrameStore frames = state.frames();
        for (long s : frames.seqs()) {
            frames.remove(s);
        }
        processor.forget(streamId);
    }

    private void emit(OutputFrame f, StreamCursor cursor, long emitTime, Consumer<MaskletFrame> out) {
        MaskletFrame frame = MaskletFrames.of(
                streamId, f, cursor.captureTimeOf(f.seq()), emitTime, cursor.width(), cursor.height(), processor::maskSource);
        listener.frameReleased(frame);
        out.accept(frame);
    }
}
