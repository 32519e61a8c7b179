package io.maskstream.operators.tracking.instruction;

import io.maskstream.operators.tracking.instruction.Instruction.Condition;
import io.maskstream.operators.tracking.instruction.Instruction.HasColour;
import io.maskstream.operators.tracking.instruction.Instruction.HasSize;
import io.maskstream.operators.tracking.instruction.Instruction.IsConcept;
import io.maskstream.operators.tracking.instruction.Instruction.Moving;
import io.maskstream.operators.tracking.instruction.Instruction.ObjectReference;
import io.maskstream.operators.tracking.instruction.Instruction.Order;
import io.maskstream.operators.tracking.instruction.Instruction.PointReference;
import io.maskstream.operators.tracking.instruction.Instruction.Reference;
import io.maskstream.operators.tracking.instruction.Instruction.Related;
import io.maskstream.operators.tracking.instruction.Instruction.Relation;
import io.maskstream.operators.tracking.instruction.Instruction.Selection;
import io.maskstream.operators.tracking.instruction.Instruction.Size;
import io.maskstream.operators.tracking.instruction.Instruction.Stationary;
import io.maskstream.operators.tracking.instruction.Instruction.VisibleFor;
import io.maskstream.operators.tracking.instruction.Instruction.WasOccluded;
import io.maskstream.state.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Selects, on one frame, the masklets an instruction names (semantics in {@code docs/instructions.md}).
 * Plain Java over {@link MaskletView}s; deterministic (ties by ascending id).
 *
 * <p>Orderings are held with hysteresis: a masklet selected on the previous frame stays selected while
 * its rank, counting only the masklets that beat it by more than a margin, is still in the requested
 * ranks. The margin is {@code hysteresis} times the frame's width (leftmost, rightmost), height (topmost,
 * bottommost) or diagonal (nearest, farthest), or {@code ln(1 + hysteresis)} in log-area (largest,
 * smallest: a relative margin); entry order has none.
 */
public final class InstructionResolver {
    /** Small: mask area below this fraction of the frame. */
    public static final double SMALL_AREA = 0.004;
    /** Large: mask area above this fraction of the frame. */
    public static final double LARGE_AREA = 0.015;
    /** Moving in a direction: that velocity component beyond this many frame diagonals per second. */
    public static final double MOVING_SPEED = 0.05;
    /** Stationary: speed below this many frame diagonals per second. */
    public static final double STATIONARY_SPEED = 0.02;
    /** Inside: at least this fraction of the box lies in the reference's box. */
    public static final double INSIDE_FRACTION = 0.9;

    private final double hysteresis;

    /** @param hysteresis the relative margin of orderings (0: none) */
    public InstructionResolver(double hysteresis) {
        if (!(hysteresis >= 0)) {
            throw new IllegalArgumentException("hysteresis must be >= 0: " + hysteresis);
        }
        this.hysteresis = hysteresis;
    }

    /** A frame's visible masklets (non-empty masks), ascending id, and its size. */
    public record FrameView(int width, int height, List<MaskletView> masklets) {
        public FrameView {
            masklets = List.copyOf(masklets);
        }

        double diagonal() {
            return Math.hypot(width, height);
        }
    }

    /**
     * The ids the selection picks on this frame, ascending.
     *
     * @param previous what it picked on the previous frame (for hysteresis); empty for none
     */
    public List<Integer> select(Selection s, FrameView frame, Set<Integer> previous) {
        List<MaskletView> candidates = new ArrayList<>();
        for (MaskletView m : frame.masklets()) {
            if (satisfiesAll(m, s.conditions(), frame)) {
                candidates.add(m);
            }
        }
        if (s.ordering() == null) {
            return ids(candidates);
        }
        Order order = s.ordering().order();
        List<Ranked> ranked = new ArrayList<>();
        for (MaskletView m : candidates) {
            double key = key(order, m, s.ordering().reference(), frame);
            if (!Double.isNaN(key)) {
                ranked.add(new Ranked(m, key));
            }
        }
        ranked.sort(Comparator.comparingDouble(Ranked::key).thenComparingInt(r -> r.view().id()));
        int first = s.ordinal() - 1;
        int last = first + s.count() - 1; // ranks counted from 0
        double margin = margin(order, frame);
        List<Ranked> kept = new ArrayList<>();
        for (Ranked incumbent : ranked) {
            if (!previous.contains(incumbent.view().id())) {
                continue;
            }
            int clearlyBetter = 0;
            int notClearlyWorse = 0;
            for (Ranked other : ranked) {
                if (other == incumbent) {
                    continue;
                }
                if (other.key() < incumbent.key() - margin) {
                    clearlyBetter++;
                }
                if (other.key() < incumbent.key() + margin
                        || other.key() == incumbent.key() && other.view().id() < incumbent.view().id()) {
                    notClearlyWorse++;
                }
            }
            if (clearlyBetter <= last && notClearlyWorse >= first && kept.size() < s.count()) {
                kept.add(incumbent);
            }
        }
        List<MaskletView> out = new ArrayList<>();
        int keptAhead = 0;
        for (Ranked k : kept) {
            out.add(k.view());
            if (ranked.indexOf(k) < first) {
                keptAhead++;
            }
        }
        int index = 0;
        for (Ranked r : ranked) {
            if (out.size() >= s.count()) {
                break;
            }
            if (kept.contains(r)) {
                continue;
            }
            if (index++ >= first - keptAhead) {
                out.add(r.view());
            }
        }
        out.sort(Comparator.comparingInt(MaskletView::id));
        return ids(out);
    }

    private record Ranked(MaskletView view, double key) {}

    private boolean satisfiesAll(MaskletView m, List<Condition> conditions, FrameView frame) {
        for (Condition c : conditions) {
            if (!satisfies(m, c, frame)) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfies(MaskletView m, Condition c, FrameView frame) {
        double diagonal = frame.diagonal();
        double frameArea = (double) frame.width() * frame.height();
        if (c instanceof IsConcept n) {
            return sameNoun(m.concept(), n.noun());
        } else if (c instanceof HasColour col) {
            return col.colour().equals(m.colour());
        } else if (c instanceof HasSize size) {
            return size.size() == Size.SMALL ? m.area() < SMALL_AREA * frameArea : m.area() > LARGE_AREA * frameArea;
        } else if (c instanceof Related r) {
            return related(m, r, frame);
        } else if (c instanceof Moving mv) {
            return switch (mv.direction()) {
                case LEFT -> m.vx() < -MOVING_SPEED * diagonal;
                case RIGHT -> m.vx() > MOVING_SPEED * diagonal;
                case UP -> m.vy() < -MOVING_SPEED * diagonal;
                case DOWN -> m.vy() > MOVING_SPEED * diagonal;
            };
        } else if (c instanceof Stationary) {
            return Math.hypot(m.vx(), m.vy()) < STATIONARY_SPEED * diagonal;
        } else if (c instanceof VisibleFor v) {
            return v.moreThan() ? m.trackedMillis() > v.seconds() * 1000 : m.trackedMillis() < v.seconds() * 1000;
        } else if (c instanceof WasOccluded) {
            return m.wasOccluded();
        }
        throw new IllegalArgumentException("unknown condition " + c);
    }

    private boolean related(MaskletView m, Related r, FrameView frame) {
        for (Box ref : referenceBoxes(r.reference(), m, frame)) {
            if (holds(r.relation(), m.box(), ref)) {
                return true;
            }
        }
        return false;
    }

    /** The boxes a reference stands for on this frame, without the subject itself; a point is an empty box. */
    private List<Box> referenceBoxes(Reference ref, MaskletView subject, FrameView frame) {
        List<Box> out = new ArrayList<>();
        if (ref instanceof PointReference p) {
            out.add(new Box((float) p.x(), (float) p.y(), (float) p.x(), (float) p.y()));
        } else {
            Selection s = ((ObjectReference) ref).selection();
            for (int id : select(s, frame, Set.of())) {
                if (id != subject.id()) {
                    out.add(box(frame, id));
                }
            }
        }
        return out;
    }

    private static boolean holds(Relation relation, Box a, Box b) {
        double ax = (a.x1() + a.x2()) / 2.0, ay = (a.y1() + a.y2()) / 2.0;
        double bx = (b.x1() + b.x2()) / 2.0, by = (b.y1() + b.y2()) / 2.0;
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        return switch (relation) {
            case LEFT_OF -> ax < bx;
            case RIGHT_OF -> ax > bx;
            case ABOVE -> ay < by;
            case BELOW -> ay > by;
            case INSIDE -> b.area() > a.area() && iw > 0 && ih > 0 && iw * ih >= INSIDE_FRACTION * a.area();
            case OVERLAPPING -> iw >= 0 && ih >= 0 && (iw > 0 && ih > 0 || b.area() == 0);
            case NEAR -> Math.hypot(Math.max(0, -iw), Math.max(0, -ih)) <= Math.hypot(a.width(), a.height());
        };
    }

    /** The ordering key, smaller is better; NaN drops the candidate (no reference to measure from). */
    private double key(Order order, MaskletView m, Reference ref, FrameView frame) {
        return switch (order) {
            case LEFTMOST -> m.centreX();
            case RIGHTMOST -> -m.centreX();
            case TOPMOST -> m.centreY();
            case BOTTOMMOST -> -m.centreY();
            case LARGEST -> -Math.log(Math.max(1, m.area()));
            case SMALLEST -> Math.log(Math.max(1, m.area()));
            case NEAREST -> distance(m, ref, frame);
            case FARTHEST -> -distance(m, ref, frame);
            case ENTERED_FIRST -> m.firstSeenSeq();
            case ENTERED_LAST -> -m.firstSeenSeq();
        };
    }

    /** Centre distance to the nearest reference (a point, or another masklet); NaN when there is none. */
    private double distance(MaskletView m, Reference ref, FrameView frame) {
        double best = Double.NaN;
        for (Box b : referenceBoxes(ref, m, frame)) {
            double d = Math.hypot(m.centreX() - (b.x1() + b.x2()) / 2.0, m.centreY() - (b.y1() + b.y2()) / 2.0);
            if (Double.isNaN(best) || d < best) {
                best = d;
            }
        }
        return best;
    }

    private double margin(Order order, FrameView frame) {
        return switch (order) {
            case LEFTMOST, RIGHTMOST -> hysteresis * frame.width();
            case TOPMOST, BOTTOMMOST -> hysteresis * frame.height();
            case NEAREST, FARTHEST -> hysteresis * frame.diagonal();
            case LARGEST, SMALLEST -> Math.log1p(hysteresis);
            case ENTERED_FIRST, ENTERED_LAST -> 0;
        };
    }

    private static Box box(FrameView frame, int id) {
        for (MaskletView m : frame.masklets()) {
            if (m.id() == id) {
                return m.box();
            }
        }
        throw new IllegalStateException("no masklet " + id);
    }

    /** A concept matches a noun written the same, or one in the plural of the other ("cars" names "car"). */
    static boolean sameNoun(String concept, String noun) {
        String c = concept.toLowerCase(Locale.ROOT);
        return c.equals(noun) || isPlural(noun, c) || isPlural(c, noun);
    }

    private static boolean isPlural(String plural, String singular) {
        return plural.equals(singular + "s") || plural.equals(singular + "es")
                || singular.endsWith("y") && plural.equals(singular.substring(0, singular.length() - 1) + "ies");
    }

    private static List<Integer> ids(List<MaskletView> views) {
        List<Integer> out = new ArrayList<>(views.size());
        for (MaskletView v : views) {
            out.add(v.id());
        }
        return out;
    }
}
