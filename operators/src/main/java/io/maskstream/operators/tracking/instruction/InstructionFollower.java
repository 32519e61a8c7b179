package io.maskstream.operators.tracking.instruction;

import io.maskstream.operators.tracking.OutputFrame;
import io.maskstream.operators.tracking.OutputObject;
import io.maskstream.operators.tracking.instruction.InstructionResolver.FrameView;
import io.maskstream.operators.tracking.instruction.InstructionState.Active;
import io.maskstream.operators.tracking.instruction.InstructionState.MaskletHistory;
import io.maskstream.operators.tracking.instruction.InstructionState.Position;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows a stream's instructions over its released frames: keeps each masklet's history (first seen,
 * occlusion, recent positions, measured colour) in an {@link InstructionState} and, on each released
 * frame, lists per masklet the names of the instructions it satisfies. Plain Java, deterministic; the
 * state it returns is what the job checkpoints.
 */
public final class InstructionFollower {
    /** Visible frames over which a masklet's velocity is measured (0.5 s at 30 frames per second). */
    public static final int MOTION_FRAMES = 15;
    /** Most instructions one stream holds. */
    public static final int MAX_INSTRUCTIONS = 32;
    /** Prefix of the concept a model-resolved instruction is detected as. */
    public static final String MODEL_CONCEPT_PREFIX = "instruction: ";

    private final InstructionResolver resolver;
    private final Map<String, Instruction> parsed = new HashMap<>();

    /** @param hysteresis the relative margin of orderings ({@link InstructionResolver}) */
    public InstructionFollower(double hysteresis) {
        this.resolver = new InstructionResolver(hysteresis);
    }

    /** Names of the instructions satisfied per masklet id (ids satisfying none are absent), and the new state. */
    public record Released(InstructionState state, Map<Integer, List<String>> names) {}

    /**
     * Adds an instruction applying from frame {@code fromSeq}, or replaces the one of the same name.
     *
     * @throws InstructionSyntaxException when the text does not parse
     * @throws IllegalStateException when the stream already holds {@link #MAX_INSTRUCTIONS}
     */
    public InstructionState add(InstructionState s, String name, String text, long fromSeq)
            throws InstructionSyntaxException {
        return add(s, name, text, fromSeq, false);
    }

    /**
     * As {@link #add(InstructionState, String, String, long)}; with {@code byModel} the text is not parsed: the
     * model's instruction encoder detects it, and it selects the visible masklets of concept {@link #modelConcept}.
     */
    public InstructionState add(InstructionState s, String name, String text, long fromSeq, boolean byModel)
            throws InstructionSyntaxException {
        if (!byModel) {
            instruction(text);
        }
        List<Active> out = new ArrayList<>();
        for (Active a : s.instructions()) {
            if (!a.name().equals(name)) {
                out.add(a);
            }
        }
        if (out.size() >= MAX_INSTRUCTIONS) {
            throw new IllegalStateException("the stream already follows " + MAX_INSTRUCTIONS + " instructions");
        }
        out.add(new Active(name, text, fromSeq, Long.MAX_VALUE, List.of(), byModel));
        return new InstructionState(out, s.histories());
    }

    /** Ends instruction {@code name} from frame {@code atSeq} on; null when the stream has no such instruction. */
    public static InstructionState remove(InstructionState s, String name, long atSeq) {
        List<Active> out = new ArrayList<>();
        boolean found = false;
        for (Active a : s.instructions()) {
            if (a.name().equals(name) && a.untilSeq() == Long.MAX_VALUE) {
                found = true;
                out.add(new Active(a.name(), a.text(), a.fromSeq(), atSeq, a.selected(), a.byModel()));
            } else {
                out.add(a);
            }
        }
        return found ? new InstructionState(out, s.histories()) : null;
    }

    /** Forgets every masklet (a new epoch: ids start again); the instructions stay. */
    public static InstructionState forgetMasklets(InstructionState s) {
        List<Active> out = new ArrayList<>();
        for (Active a : s.instructions()) {
            out.add(new Active(a.name(), a.text(), a.fromSeq(), a.untilSeq(), List.of(), a.byModel()));
        }
        return new InstructionState(out, List.of());
    }

    /** Measures, on processed frame {@code seq}, the mean colour under each masklet's mask. */
    public static InstructionState measure(InstructionState s, long seq, RgbImage image, Map<Integer, Mask> masks) {
        TreeMap<Integer, MaskletHistory> h = histories(s);
        for (Map.Entry<Integer, Mask> e : masks.entrySet()) {
            Mask m = e.getValue();
            if (m.height() != image.height() || m.width() != image.width()) {
                m = m.resize(image.height(), image.width());
            }
            Box b = m.boundingBox();
            if (b == null || m.isEmpty()) {
                continue;
            }
            long red = 0, green = 0, blue = 0, n = 0;
            for (int y = (int) b.y1(); y < (int) Math.ceil(b.y2()); y++) {
                for (int x = (int) b.x1(); x < (int) Math.ceil(b.x2()); x++) {
                    if (m.get(y, x)) {
                        red += image.red(x, y);
                        green += image.green(x, y);
                        blue += image.blue(x, y);
                        n++;
                    }
                }
            }
            if (n > 0) {
                h.put(e.getKey(), withColour(h.getOrDefault(e.getKey(), MaskletHistory.start(e.getKey())), seq,
                        (double) red / n, (double) green / n, (double) blue / n));
            }
        }
        return new InstructionState(s.instructions(), List.copyOf(h.values()));
    }

    /** Records a colour sample of masklet {@code id} on processed frame {@code seq} (mean RGB, 0..255). */
    public static InstructionState recordColour(InstructionState s, int id, long seq, double red, double green, double blue) {
        TreeMap<Integer, MaskletHistory> h = histories(s);
        h.put(id, withColour(h.getOrDefault(id, MaskletHistory.start(id)), seq, red, green, blue));
        return new InstructionState(s.instructions(), List.copyOf(h.values()));
    }

    private static MaskletHistory withColour(MaskletHistory m, long seq, double red, double green, double blue) {
        int n = m.colourFrames() + 1;
        return new MaskletHistory(m.id(), m.firstSeenSeq(), m.firstSeenTime(), m.hidden(), m.wasOccluded(), seq,
                m.red() + (red - m.red()) / n, m.green() + (green - m.green()) / n, m.blue() + (blue - m.blue()) / n, n,
                m.recent());
    }

    /**
     * A frame is released: updates the masklets' histories and resolves every instruction that applies
     * to the frame. Instructions removed before this frame are dropped.
     */
    public Released release(InstructionState s, OutputFrame frame, long captureTime, int width, int height) {
        TreeMap<Integer, MaskletHistory> h = histories(s);
        long seq = frame.seq();
        java.util.Set<Integer> present = new HashSet<>();
        List<MaskletView> visible = new ArrayList<>();
        for (OutputObject o : frame.objects()) {
            present.add(o.maskletId());
            MaskletHistory m = h.getOrDefault(o.maskletId(), MaskletHistory.start(o.maskletId()));
            boolean isVisible = o.box() != null && !o.mask().isEmpty();
            if (isVisible) {
                Box b = o.box();
                List<Position> recent = new ArrayList<>(m.recent());
                recent.add(new Position(captureTime, (b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2));
                if (recent.size() > MOTION_FRAMES) {
                    recent.remove(0);
                }
                boolean first = m.firstSeenSeq() < 0;
                m = new MaskletHistory(m.id(), first ? seq : m.firstSeenSeq(), first ? captureTime : m.firstSeenTime(),
                        false, m.wasOccluded() || m.hidden(), m.colourSeq(), m.red(), m.green(), m.blue(),
                        m.colourFrames(), recent);
                visible.add(view(m, o.concept(), b, o.mask().area(), captureTime));
            }
            h.put(o.maskletId(), m);
        }
        for (var it = h.entrySet().iterator(); it.hasNext(); ) {
            MaskletHistory m = it.next().getValue();
            boolean seen = present.contains(m.id());
            if (!seen && m.colourSeq() < seq) {
                it.remove(); // ended: no output and no newer measurement
            } else if (m.firstSeenSeq() >= 0 && !m.hidden() && visible.stream().noneMatch(v -> v.id() == m.id())) {
                h.put(m.id(), new MaskletHistory(m.id(), m.firstSeenSeq(), m.firstSeenTime(), true, m.wasOccluded(),
                        m.colourSeq(), m.red(), m.green(), m.blue(), m.colourFrames(), m.recent()));
            }
        }
        FrameView view = new FrameView(width, height, visible);
        Map<Integer, List<String>> names = new TreeMap<>();
        List<Active> active = new ArrayList<>();
        for (Active a : s.instructions()) {
            if (a.untilSeq() <= seq) {
                continue;
            }
            if (a.fromSeq() > seq) {
                active.add(a);
                continue;
            }
            List<Integer> selected = a.byModel() ? byConcept(view, modelConcept(a.text()))
                    : resolver.select(instructionOf(a.text()).selection(), view, new HashSet<>(a.selected()));
            for (int id : selected) {
                names.computeIfAbsent(id, k -> new ArrayList<>()).add(a.name());
            }
            active.add(new Active(a.name(), a.text(), a.fromSeq(), a.untilSeq(), selected, a.byModel()));
        }
        InstructionState next = active.isEmpty() ? InstructionState.empty()
                : new InstructionState(active, List.copyOf(h.values()));
        return new Released(next, names);
    }

    /** The concept the detector finds a model-resolved instruction as. */
    public static String modelConcept(String text) {
        return MODEL_CONCEPT_PREFIX + text;
    }

    private static List<Integer> byConcept(FrameView view, String concept) {
        List<Integer> out = new ArrayList<>();
        for (MaskletView m : view.masklets()) {
            if (m.concept().equals(concept)) {
                out.add(m.id());
            }
        }
        return out;
    }

    /** The resolver's view of a visible masklet from its history (which includes this frame). */
    static MaskletView view(MaskletHistory m, String concept, Box box, int area, long captureTime) {
        String colour = m.colourFrames() == 0 ? null : ColourNames.of(m.red(), m.green(), m.blue());
        double vx = Double.NaN, vy = Double.NaN;
        List<Position> r = m.recent();
        if (r.size() >= 2) {
            Position a = r.get(0), b = r.get(r.size() - 1);
            double seconds = (b.time() - a.time()) / 1000.0;
            if (seconds > 0) {
                vx = (b.x() - a.x()) / seconds;
                vy = (b.y() - a.y()) / seconds;
            }
        }
        return new MaskletView(m.id(), concept, box, area, colour, m.firstSeenSeq(), captureTime - m.firstSeenTime(),
                vx, vy, m.wasOccluded());
    }

    private Instruction instructionOf(String text) {
        Instruction i = parsed.get(text);
        if (i == null) {
            try {
                i = instruction(text);
            } catch (InstructionSyntaxException e) {
                throw new IllegalStateException("an instruction in state does not parse: " + text, e);
            }
        }
        return i;
    }

    private Instruction instruction(String text) throws InstructionSyntaxException {
        Instruction i = parsed.get(text);
        if (i == null) {
            i = InstructionParser.parse(text);
            if (parsed.size() > 1024) {
                parsed.clear();
            }
            parsed.put(text, i);
        }
        return i;
    }

    private static TreeMap<Integer, MaskletHistory> histories(InstructionState s) {
        TreeMap<Integer, MaskletHistory> h = new TreeMap<>();
        for (MaskletHistory m : s.histories()) {
            h.put(m.id(), m);
        }
        return h;
    }
}
