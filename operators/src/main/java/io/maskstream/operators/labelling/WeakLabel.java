package io.maskstream.operators.labelling;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.List;
import java.util.Objects;

/**
 * One cheap label on one frame: a box, clicks, a scribble or a coarse mask of one object (or, for a
 * coarse mask without {@code objectId}, of every object of its class it covers). Exactly one of
 * {@code box}, {@code points}, {@code scribble}, {@code mask} is set, as {@code kind} says.
 *
 * @param line the line of the labels file it came from (1-based; 0 for labels made in code)
 * @param seq the frame (0-based)
 * @param className the class of the object
 * @param objectId the user's object id: labels with the same id on several frames are one object;
 *     null makes every label its own object
 * @param points clicks, positive and negative (frame pixels)
 * @param scribble the vertices of a polyline drawn over the object (frame pixels), at least two
 * @param mask a coarse mask at frame size
 */
public record WeakLabel(
        int line, long seq, String className, Integer objectId, Kind kind, Box box, List<PromptPoint> points,
        List<PromptPoint> scribble, Mask mask) {

    /** What the label is. */
    public enum Kind {
        BOX("box"),
        POINTS("points"),
        SCRIBBLE("scribble"),
        MASK("mask");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The field of the labels file that holds this kind. */
        public String field() {
            return field;
        }
    }

    public WeakLabel {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(kind, "kind");
        points = points == null ? List.of() : List.copyOf(points);
        scribble = scribble == null ? List.of() : List.copyOf(scribble);
        boolean ok = switch (kind) {
            case BOX -> box != null && points.isEmpty() && scribble.isEmpty() && mask == null;
            case POINTS -> box == null && !points.isEmpty() && scribble.isEmpty() && mask == null;
            case SCRIBBLE -> box == null && points.isEmpty() && scribble.size() >= 2 && mask == null;
            case MASK -> box == null && points.isEmpty() && scribble.isEmpty() && mask != null;
        };
        if (!ok) {
            throw new IllegalArgumentException("a " + kind.field() + " label holds exactly its " + kind.field());
        }
    }

    public static WeakLabel box(long seq, String className, Integer objectId, Box box) {
        return new WeakLabel(0, seq, className, objectId, Kind.BOX, box, null, null, null);
    }

    public static WeakLabel points(long seq, String className, Integer objectId, List<PromptPoint> points) {
        return new WeakLabel(0, seq, className, objectId, Kind.POINTS, null, points, null, null);
    }

    public static WeakLabel scribble(long seq, String className, Integer objectId, List<PromptPoint> vertices) {
        return new WeakLabel(0, seq, className, objectId, Kind.SCRIBBLE, null, null, vertices, null);
    }

    public static WeakLabel mask(long seq, String className, Integer objectId, Mask mask) {
        return new WeakLabel(0, seq, className, objectId, Kind.MASK, null, null, null, mask);
    }

    /** "line N" for messages, or the frame when the label was not read from a file. */
    public String where() {
        return line > 0 ? "line " + line : "label on frame " + seq;
    }
}
