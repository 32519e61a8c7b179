package io.maskstream.operators.tracking.instruction;

import io.maskstream.operators.tracking.instruction.Instruction.Condition;
import io.maskstream.operators.tracking.instruction.Instruction.Direction;
import io.maskstream.operators.tracking.instruction.Instruction.HasColour;
import io.maskstream.operators.tracking.instruction.Instruction.HasSize;
import io.maskstream.operators.tracking.instruction.Instruction.IsConcept;
import io.maskstream.operators.tracking.instruction.Instruction.Moving;
import io.maskstream.operators.tracking.instruction.Instruction.ObjectReference;
import io.maskstream.operators.tracking.instruction.Instruction.Order;
import io.maskstream.operators.tracking.instruction.Instruction.Ordering;
import io.maskstream.operators.tracking.instruction.Instruction.PointReference;
import io.maskstream.operators.tracking.instruction.Instruction.Reference;
import io.maskstream.operators.tracking.instruction.Instruction.Related;
import io.maskstream.operators.tracking.instruction.Instruction.Relation;
import io.maskstream.operators.tracking.instruction.Instruction.Selection;
import io.maskstream.operators.tracking.instruction.Instruction.Size;
import io.maskstream.operators.tracking.instruction.Instruction.Stationary;
import io.maskstream.operators.tracking.instruction.Instruction.VisibleFor;
import io.maskstream.operators.tracking.instruction.Instruction.WasOccluded;
import io.maskstream.operators.tracking.instruction.InstructionTokenizer.Kind;
import io.maskstream.operators.tracking.instruction.InstructionTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of the instruction grammar ({@code docs/instructions.md}, EBNF there).
 * Every failure is an {@link InstructionSyntaxException} naming the position and the word expected.
 */
public final class InstructionParser {
    /** Longest instruction accepted, in characters. */
    public static final int MAX_CHARS = 256;
    /** Deepest nesting of references ("left of the object nearest the ..."). */
    static final int MAX_DEPTH = 4;

    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "all", "every", "any");
    private static final List<String> COUNT_WORDS =
            List.of("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
    private static final List<String> ORDINAL_WORDS = List.of(
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth");
    private static final Map<String, Order> SUPERLATIVES = Map.ofEntries(
            Map.entry("leftmost", Order.LEFTMOST), Map.entry("rightmost", Order.RIGHTMOST),
            Map.entry("topmost", Order.TOPMOST), Map.entry("top-most", Order.TOPMOST),
            Map.entry("uppermost", Order.TOPMOST), Map.entry("bottommost", Order.BOTTOMMOST),
            Map.entry("bottom-most", Order.BOTTOMMOST), Map.entry("lowest", Order.BOTTOMMOST),
            Map.entry("largest", Order.LARGEST), Map.entry("biggest", Order.LARGEST),
            Map.entry("smallest", Order.SMALLEST), Map.entry("nearest", Order.NEAREST),
            Map.entry("closest", Order.NEAREST), Map.entry("farthest", Order.FARTHEST),
            Map.entry("furthest", Order.FARTHEST));
    private static final Map<String, Size> SIZES = Map.of(
            "small", Size.SMALL, "little", Size.SMALL, "tiny", Size.SMALL, "large", Size.LARGE, "big", Size.LARGE);
    /** Nouns that name no concept: they match every masklet. */
    static final Set<String> GENERIC_NOUNS =
            Set.of("object", "objects", "thing", "things", "one", "ones", "item", "items", "masklet", "masklets");
    private static final Set<String> FILLERS = Set.of("that", "which", "who", "is", "are", "was", "were", "and");
    private static final Map<String, Direction> DIRECTIONS = Map.of(
            "left", Direction.LEFT, "right", Direction.RIGHT, "up", Direction.UP, "down", Direction.DOWN);
    private static final Map<String, Order> SIDES = Map.of(
            "left", Order.LEFTMOST, "right", Order.RIGHTMOST, "top", Order.TOPMOST, "bottom", Order.BOTTOMMOST);
    private static final Set<String> TIME_UNITS = Set.of("s", "sec", "secs", "second", "seconds");
    private static final String QUALIFIERS = "a qualifier (moving, stationary, entered, visible for, occluded, "
            + "left of, right of, above, below, inside, overlapping, near, nearest, farthest, from the ...)";
    /** Words with a role in the grammar: never part of a noun. */
    private static final Set<String> KEYWORDS = keywords();

    private final List<Token> tokens;
    private int next;

    private InstructionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses an instruction; its meaning is documented in {@code docs/instructions.md}. */
    public static Instruction parse(String text) throws InstructionSyntaxException {
        if (text.length() > MAX_CHARS) {
            throw new InstructionSyntaxException(MAX_CHARS + 1, "at most " + MAX_CHARS + " characters",
                    text.length() + " characters");
        }
        InstructionParser p = new InstructionParser(InstructionTokenizer.tokenize(text));
        Selection s = p.instruction();
        return new Instruction(text, s);
    }

    private Selection instruction() throws InstructionSyntaxException {
        Phrase phrase = phrase(0);
        while (peek().kind() != Kind.END) {
            qualifier(phrase, 0);
        }
        if (phrase.isEmpty()) {
            throw expected("an object to select, e.g. 'the leftmost red object'");
        }
        return phrase.selection();
    }

    /** determiner, count, ordinal, superlative, attributes, noun: all optional. */
    private Phrase phrase(int depth) throws InstructionSyntaxException {
        Phrase p = new Phrase();
        if (DETERMINERS.contains(peek().text()) && peek().kind() == Kind.WORD) {
            take();
        }
        Token t = peek();
        if (t.kind() == Kind.NUMBER) {
            p.count = positiveInteger(take());
        } else if (COUNT_WORDS.contains(t.text()) && t.kind() == Kind.WORD) {
            p.count = COUNT_WORDS.indexOf(take().text()) + 2;
        }
        t = peek();
        int ordinal = ordinal(t);
        if (ordinal > 0) {
            take();
            p.ordinal = ordinal;
            p.rankPosition = t.position();
        }
        t = peek();
        if (SUPERLATIVES.containsKey(t.text()) && t.kind() == Kind.WORD) {
            take();
            p.setOrder(SUPERLATIVES.get(t.text()), t);
        }
        while (true) {
            t = peek();
            String colour = t.kind() == Kind.WORD ? ColourNames.canonical(t.text()) : null;
            if (colour != null) {
                take();
                p.conditions.add(new HasColour(colour));
            } else if (SIZES.containsKey(t.text()) && t.kind() == Kind.WORD) {
                take();
                p.conditions.add(new HasSize(SIZES.get(t.text())));
            } else if (t.is("stationary") || t.is("static")) {
                take();
                p.conditions.add(new Stationary());
            } else {
                break;
            }
        }
        List<String> noun = new ArrayList<>();
        while (peek().kind() == Kind.WORD && (!KEYWORDS.contains(peek().text()) || GENERIC_NOUNS.contains(peek().text()))) {
            String word = take().text();
            noun.add(word);
            if (GENERIC_NOUNS.contains(word)) {
                break;
            }
        }
        if (!noun.isEmpty()) {
            p.hasNoun = true;
            String n = String.join(" ", noun);
            if (!(noun.size() == 1 && GENERIC_NOUNS.contains(n))) {
                p.conditions.add(new IsConcept(n));
            }
        }
        if (p.order != null && p.reference == null && (p.order == Order.NEAREST || p.order == Order.FARTHEST)) {
            // "the nearest red object to (10, 20)"
            if (!(peek().is("to") || peek().is("from"))) {
                throw expected("'to' or 'from' and what the object is " + p.orderWord + " to");
            }
            take();
            p.reference = reference(depth);
        }
        return p;
    }

    private void qualifier(Phrase p, int depth) throws InstructionSyntaxException {
        while (FILLERS.contains(peek().text()) && peek().kind() == Kind.WORD) {
            take();
        }
        Token t = peek();
        String w = t.kind() == Kind.WORD ? t.text() : "";
        switch (w) {
            case "moving", "going", "heading" -> {
                take();
                Token d = peek();
                if (!DIRECTIONS.containsKey(d.text()) || d.kind() != Kind.WORD) {
                    throw expected("a direction (left, right, up, down) after '" + w + "'");
                }
                take();
                p.conditions.add(new Moving(DIRECTIONS.get(d.text())));
            }
            case "stationary", "still", "static" -> {
                take();
                p.conditions.add(new Stationary());
            }
            case "not" -> {
                take();
                expectWord("moving", "'moving' after 'not'");
                p.conditions.add(new Stationary());
            }
            case "entered", "appeared" -> {
                take();
                Token when = peek();
                if (when.is("first")) {
                    p.setOrder(Order.ENTERED_FIRST, t);
                } else if (when.is("last")) {
                    p.setOrder(Order.ENTERED_LAST, t);
                } else {
                    throw expected("'first' or 'last' after '" + w + "'");
                }
                take();
            }
            case "visible", "tracked", "seen" -> {
                take();
                expectWord("for", "'for' after '" + w + "'");
                boolean more;
                if (peek().is("more") || peek().is("longer")) {
                    more = true;
                } else if (peek().is("less") || peek().is("shorter")) {
                    more = false;
                } else {
                    throw expected("'more than' or 'less than'");
                }
                take();
                expectWord("than", "'than'");
                if (peek().kind() != Kind.NUMBER) {
                    throw expected("a number of seconds");
                }
                double seconds = Double.parseDouble(take().text());
                if (seconds < 0) {
                    throw new InstructionSyntaxException(tokens.get(next - 1).position(), "a duration >= 0",
                            "'" + tokens.get(next - 1).text() + "'");
                }
                if (!TIME_UNITS.contains(peek().text()) || peek().kind() != Kind.WORD) {
                    throw expected("a unit of time (s, seconds)");
                }
                take();
                p.conditions.add(new VisibleFor(more, seconds));
            }
            case "occluded", "hidden" -> {
                take();
                p.conditions.add(new WasOccluded());
            }
            case "nearest", "closest", "farthest", "furthest" -> {
                take();
                p.setOrder(SUPERLATIVES.get(w), t);
                if (peek().is("to") || peek().is("from")) {
                    take();
                }
                p.reference = reference(depth);
            }
            case "from" -> {
                take();
                expectWord("the", "'the' after 'from'");
                Token side = peek();
                if (!SIDES.containsKey(side.text()) || side.kind() != Kind.WORD) {
                    throw expected("a side (left, right, top, bottom) after 'from the'");
                }
                take();
                p.setOrder(SIDES.get(side.text()), t);
            }
            default -> {
                Relation r = relation();
                if (r == null) {
                    throw expected(QUALIFIERS + " or the end");
                }
                p.conditions.add(new Related(r, reference(depth)));
            }
        }
    }

    /** Reads a relation's words, or returns null (reading nothing) when the next words are none. */
    private Relation relation() throws InstructionSyntaxException {
        Token t = peek();
        if (t.kind() != Kind.WORD) {
            return null;
        }
        switch (t.text()) {
            case "to" -> {
                take();
                expectWord("the", "'the' in 'to the left of' / 'to the right of'");
                return sideOf();
            }
            case "left", "right" -> {
                return sideOf();
            }
            case "above", "over" -> {
                take();
                return Relation.ABOVE;
            }
            case "below", "under", "beneath" -> {
                take();
                return Relation.BELOW;
            }
            case "inside", "in", "within" -> {
                take();
                return Relation.INSIDE;
            }
            case "overlapping", "overlaps", "touching" -> {
                take();
                return Relation.OVERLAPPING;
            }
            case "near" -> {
                take();
                return Relation.NEAR;
            }
            case "next", "close" -> {
                take();
                expectWord("to", "'to' after '" + t.text() + "'");
                return Relation.NEAR;
            }
            default -> {
                return null;
            }
        }
    }

    private Relation sideOf() throws InstructionSyntaxException {
        Token side = peek();
        if (!(side.is("left") || side.is("right"))) {
            throw expected("'left' or 'right'");
        }
        take();
        expectWord("of", "'of' after '" + side.text() + "'");
        return side.is("left") ? Relation.LEFT_OF : Relation.RIGHT_OF;
    }

    /** A point "(x, y)" or a simple noun phrase of other objects. */
    private Reference reference(int depth) throws InstructionSyntaxException {
        if (peek().is("the") && tokens.get(next + 1).is("point")) {
            take();
        }
        if (peek().is("point")) {
            take();
            if (!peek().is("(")) {
                throw expected("'(' and the point's x, y in pixels");
            }
        }
        if (peek().is("(")) {
            take();
            double x = number("the point's x in pixels");
            if (!peek().is(",")) {
                throw expected("',' between the point's x and y");
            }
            take();
            double y = number("the point's y in pixels");
            if (!peek().is(")")) {
                throw expected("')' after the point's y");
            }
            take();
            return new PointReference(x, y);
        }
        if (depth + 1 > MAX_DEPTH) {
            throw expected("a point; references nest at most " + MAX_DEPTH + " deep");
        }
        int start = next;
        Phrase inner = phrase(depth + 1);
        if (inner.isEmpty() || next == start) {
            throw expected("what it refers to: an object (e.g. 'the blue object') or a point '(x, y)'");
        }
        if (inner.order == null && (inner.ordinal > 0 || inner.count > 0) && peek().is("from")) {
            qualifier(inner, depth + 1); // "the second from the left"
        }
        return new ObjectReference(inner.selection());
    }

    private double number(String what) throws InstructionSyntaxException {
        if (peek().kind() != Kind.NUMBER) {
            throw expected(what);
        }
        return Double.parseDouble(take().text());
    }

    private int positiveInteger(Token t) throws InstructionSyntaxException {
        try {
            int n = Integer.parseInt(t.text());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InstructionSyntaxException(t.position(), "a count from 1 to 64", t.describe());
    }

    private static int ordinal(Token t) {
        if (t.kind() != Kind.WORD) {
            return 0;
        }
        int i = ORDINAL_WORDS.indexOf(t.text());
        if (i >= 0) {
            return i + 1;
        }
        String s = t.text();
        if (s.length() > 2 && Character.isDigit(s.charAt(0))) {
            try {
                int n = Integer.parseInt(s.substring(0, s.length() - 2));
                return n >= 1 && n <= 64 ? n : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private void expectWord(String word, String expected) throws InstructionSyntaxException {
        if (!peek().is(word)) {
            throw expected(expected);
        }
        take();
    }

    private InstructionSyntaxException expected(String what) {
        return new InstructionSyntaxException(peek().position(), what, peek().describe());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private static Set<String> keywords() {
        Set<String> k = new java.util.HashSet<>();
        k.addAll(DETERMINERS);
        k.addAll(COUNT_WORDS);
        k.addAll(ORDINAL_WORDS);
        k.addAll(SUPERLATIVES.keySet());
        k.addAll(SIZES.keySet());
        k.addAll(ColourNames.NAMES);
        k.addAll(List.of("gray", "pink", "violet"));
        k.addAll(GENERIC_NOUNS);
        k.addAll(FILLERS);
        k.addAll(List.of("moving", "going", "heading", "stationary", "still", "static", "not", "entered", "appeared",
                "visible", "tracked", "seen", "occluded", "hidden", "from", "to", "left", "right", "up", "down", "top",
                "bottom", "above", "over", "below", "under", "beneath", "inside", "in", "within", "overlapping",
                "overlaps", "touching", "near", "next", "close", "of", "point", "last"));
        return Set.copyOf(k);
    }

    /** The parts of a noun phrase while it is read. */
    private final class Phrase {
        int count;
        int ordinal;
        int rankPosition;
        Order order;
        String orderWord;
        Reference reference;
        boolean hasNoun;
        final List<Condition> conditions = new ArrayList<>();

        void setOrder(Order o, Token word) throws InstructionSyntaxException {
            if (order != null) {
                throw new InstructionSyntaxException(word.position(),
                        "one ordering per object (it is already ordered by '" + orderWord + "')", word.describe());
            }
            order = o;
            orderWord = word.text();
        }

        boolean isEmpty() {
            return !hasNoun && conditions.isEmpty() && order == null && count == 0 && ordinal == 0;
        }

        Selection selection() throws InstructionSyntaxException {
            if (order == null && (count > 0 || ordinal > 0)) {
                throw new InstructionSyntaxException(peek().position(), "an ordering for the "
                        + (ordinal > 0 ? "ordinal" : "count") + " (e.g. leftmost, largest, 'from the left', "
                        + "'nearest to ...', 'entered last')", peek().describe());
            }
            Ordering ordering = order == null ? null : new Ordering(order, reference);
            return new Selection(ordering == null ? 0 : Math.max(1, count), Math.max(1, ordinal), ordering, conditions);
        }
    }
}
