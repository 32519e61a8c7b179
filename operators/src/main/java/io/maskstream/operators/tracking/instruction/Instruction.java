package io.maskstream.operators.tracking.instruction;

import java.util.List;
import java.util.Objects;

/**
 * A parsed instruction prompt ({@code docs/instructions.md}): which masklets of a frame it selects.
 * The parser ({@link InstructionParser}) builds it from text; the resolver ({@link InstructionResolver})
 * evaluates it on each frame.
 *
 * @param text the instruction as the user wrote it
 * @param selection what it selects
 */
public record Instruction(String text, Selection selection) {
    public Instruction {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(selection, "selection");
    }

    /**
     * A noun phrase: the masklets that satisfy every condition, then, when there is an ordering, the
     * {@code count} of them from rank {@code ordinal} on.
     *
     * @param count how many to keep after ordering, from 1 ("the two largest": 2); 0 without ordering
     * @param ordinal the first rank kept, from 1 ("the third from the left": 3)
     * @param ordering null when the phrase selects every masklet satisfying the conditions
     */
    public record Selection(int count, int ordinal, Ordering ordering, List<Condition> conditions) {
        public Selection {
            conditions = List.copyOf(conditions);
            if (ordering == null ? count != 0 || ordinal != 1 : count < 1 || ordinal < 1) {
                throw new IllegalArgumentException("a count or an ordinal needs an ordering, an ordering a count >= 1");
            }
        }
    }

    /** Orders the candidates best first; {@code reference} only for nearest and farthest. */
    public record Ordering(Order order, Reference reference) {
        public Ordering {
            Objects.requireNonNull(order, "order");
            if ((order == Order.NEAREST || order == Order.FARTHEST) != (reference != null)) {
                throw new IllegalArgumentException(order + (reference == null ? " needs" : " takes no") + " reference");
            }
        }
    }

    /** The orderings; the first ranked is the one the word names (leftmost: smallest centre x). */
    public enum Order {
        LEFTMOST, RIGHTMOST, TOPMOST, BOTTOMMOST, LARGEST, SMALLEST, NEAREST, FARTHEST, ENTERED_FIRST, ENTERED_LAST
    }

    /** A condition on one masklet. */
    public sealed interface Condition
            permits IsConcept, HasColour, HasSize, Related, Moving, Stationary, VisibleFor, WasOccluded {}

    /** The masklet's concept is the noun (generic nouns such as "object" are not conditions). */
    public record IsConcept(String noun) implements Condition {}

    /** The masklet's measured colour has this name (see {@link ColourNames}). */
    public record HasColour(String colour) implements Condition {}

    /** The masklet's area is small or large for the frame. */
    public record HasSize(Size size) implements Condition {}

    public enum Size { SMALL, LARGE }

    /** A spatial relation to another object or a point. */
    public record Related(Relation relation, Reference reference) implements Condition {}

    public enum Relation { LEFT_OF, RIGHT_OF, ABOVE, BELOW, INSIDE, OVERLAPPING, NEAR }

    /** Moving in a direction (image coordinates: up is towards row 0). */
    public record Moving(Direction direction) implements Condition {}

    public enum Direction { LEFT, RIGHT, UP, DOWN }

    /** Not moving. */
    public record Stationary() implements Condition {}

    /** Tracked for more ({@code moreThan}) or less than {@code seconds}, from its first output frame. */
    public record VisibleFor(boolean moreThan, double seconds) implements Condition {}

    /** Was hidden (no mask) on an earlier frame and was seen again. */
    public record WasOccluded() implements Condition {}

    /** What a relation or a nearest/farthest refers to. */
    public sealed interface Reference permits PointReference, ObjectReference {}

    /** A point in frame pixels. */
    public record PointReference(double x, double y) implements Reference {}

    /** Other masklets of the same frame, selected by a simple noun phrase. */
    public record ObjectReference(Selection selection) implements Reference {}
}
