package io.maskstream.operators.tracking.instruction;

import java.util.List;
import java.util.Objects;

/**
 * A stream's instructions and what they need to remember (keyed state {@code instructions}): the
 * instructions in the order they were added, what each selected on the last released frame (for
 * hysteresis), and per masklet the history the temporal terms read. Empty when the stream has none.
 *
 * @param instructions ascending order of addition
 * @param histories ascending masklet id
 */
public record InstructionState(List<Active> instructions, List<MaskletHistory> histories) {
    public InstructionState {
        instructions = List.copyOf(instructions);
        histories = List.copyOf(histories);
    }

    public static InstructionState empty() {
        return new InstructionState(List.of(), List.of());
    }

    /**
     * One instruction of the stream.
     *
     * @param name what output objects list when they satisfy it (the text when the prompt gave no name)
     * @param text the instruction (it parses: checked when the prompt arrived)
     * @param fromSeq the first frame it applies to
     * @param untilSeq the first frame it no longer applies to ({@link Long#MAX_VALUE} until removed)
     * @param selected the masklet ids it selected on the last released frame, ascending
     * @param byModel the model's instruction encoder detects it (its masklets carry the concept
     *     {@link InstructionFollower#modelConcept}); false: the grammar resolves it
     */
    public record Active(String name, String text, long fromSeq, long untilSeq, List<Integer> selected, boolean byModel) {
        public Active {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
            selected = List.copyOf(selected);
        }
    }

    /**
     * What the stream remembers of one masklet for the temporal and colour terms.
     *
     * @param firstSeenSeq seq of the first released frame it was visible on, -1 before
     * @param firstSeenTime that frame's capture time (epoch ms)
     * @param hidden it was seen, and is invisible on the last released frame
     * @param wasOccluded it was invisible on a released frame between two on which it was visible
     * @param colourSeq seq of the last processed frame whose pixels were measured under its mask, -1 before
     * @param red mean red under its masks over the measured frames (0..255), likewise green and blue
     * @param colourFrames how many frames were measured
     * @param recent its box centres on the last {@link InstructionFollower#MOTION_FRAMES} visible released frames
     */
    public record MaskletHistory(int id, long firstSeenSeq, long firstSeenTime, boolean hidden, boolean wasOccluded,
                                 long colourSeq, double red, double green, double blue, int colourFrames,
                                 List<Position> recent) {
        public MaskletHistory {
            recent = List.copyOf(recent);
        }

        static MaskletHistory start(int id) {
            return new MaskletHistory(id, -1, 0, false, false, -1, 0, 0, 0, 0, List.of());
        }
    }

    /** A box centre at a capture time (epoch ms). */
    public record Position(long time, float x, float y) {}
}
