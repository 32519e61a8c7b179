package io.maskstream.state.record;

import io.maskstream.state.tracking.MaskletEvent;
import java.util.List;
import java.util.Objects;

/**
 * The job's output for one frame of one stream (DESIGN §6), written as JSON to the masklets topic.
 *
 * @param emitTime the capture time (epoch ms) of the record whose processing released this frame: a
 *     later frame after the confirmation delay, or a flushing marker; stream time, not a wall clock,
 *     so output stays deterministic
 * @param objects the confirmed masklets visible on this frame, ordered by id
 */
public record MaskletFrame(
        String streamId, long seq, long captureTime, long emitTime, int width, int height, List<MaskletObject> objects) {

    public MaskletFrame {
        Objects.requireNonNull(streamId, "streamId");
        objects = List.copyOf(objects);
    }

    /**
     * One masklet on one frame.
     *
     * @param box [x, y, w, h] in frame pixels
     * @param mask COCO RLE at frame resolution
     * @param events lifecycle events that happened to this masklet on this frame
     * @param maskSource what the model kit cut the mask from ({@code foreground} or {@code box} with the coco
     *     kit), or null when the kit does not say
     * @param instructions names of the stream's instructions this masklet satisfies on this frame, in the
     *     order the instructions were added (docs/instructions.md); empty for none
     */
    public record MaskletObject(int id, String concept, float score, float[] box, RleMask mask, List<MaskletEvent> events,
                                String maskSource, List<String> instructions) {
        public MaskletObject {
            Objects.requireNonNull(concept, "concept");
            Objects.requireNonNull(mask, "mask");
            if (box == null || box.length != 4) {
                throw new IllegalArgumentException("box must be [x, y, w, h]");
            }
            events = List.copyOf(events);
            instructions = instructions == null ? List.of() : List.copyOf(instructions);
        }

        public MaskletObject(int id, String concept, float score, float[] box, RleMask mask, List<MaskletEvent> events,
                             String maskSource) {
            this(id, concept, score, box, mask, events, maskSource, List.of());
        }

        /** This object satisfying the named instructions. */
        public MaskletObject withInstructions(List<String> names) {
            return new MaskletObject(id, concept, score, box, mask, events, maskSource, names);
        }

        public MaskletObject(int id, String concept, float score, float[] box, RleMask mask, List<MaskletEvent> events) {
            this(id, concept, score, box, mask, events, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MaskletObject m
                    && m.id == id
                    && m.concept.equals(concept)
                    && Float.compare(m.score, score) == 0
                    && java.util.Arrays.equals(m.box, box)
                    && m.mask.equals(mask)
                    && m.events.equals(events)
                    && Objects.equals(m.maskSource, maskSource)
                    && m.instructions.equals(instructions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, concept, score, java.util.Arrays.hashCode(box), mask, events, maskSource, instructions);
        }
    }

    /** A COCO RLE in its JSON form: {@code {"size": [h, w], "counts": "..."}} (pycocotools compatible). */
    public record RleMask(int height, int width, String counts) {
        public RleMask {
            Objects.requireNonNull(counts, "counts");
        }

        /** The JSON form of an RLE (compressed counts string). */
        public static RleMask of(io.maskstream.state.geometry.Rle rle) {
            return new RleMask(rle.height(), rle.width(), rle.toCompressedString());
        }

        /** The JSON form of a mask's RLE. */
        public static RleMask of(io.maskstream.state.geometry.Mask mask) {
            return of(mask.toRle());
        }

        /**
         * Parses the counts back into an RLE.
         *
         * @throws io.maskstream.state.geometry.InvalidRleException if they are not a valid RLE of this size
         */
        public io.maskstream.state.geometry.Rle toRle() {
            return io.maskstream.state.geometry.Rle.fromCompressedString(height, width, counts);
        }
    }
}
