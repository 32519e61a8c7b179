package io.maskstream.operators.tracking.instruction;

/**
 * An instruction that does not parse. The message names the character position (from 1), what the
 * grammar expected there and what it found, e.g. {@code at character 14: expected a direction (left,
 * right, up, down) after 'moving', found 'fast'}.
 */
public final class InstructionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String expected;

    InstructionSyntaxException(int position, String expected, String found) {
        super("at character " + position + ": expected " + expected + ", found " + found);
        this.position = position;
        this.expected = expected;
    }

    /** Character position (from 1) of the word that does not fit; the text's length + 1 at its end. */
    public int position() {
        return position;
    }

    /** What the grammar expected there, in words. */
    public String expected() {
        return expected;
    }
}
