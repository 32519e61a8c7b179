package io.maskstream.operators.tracking.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an instruction into words (lower case letters, inner hyphens and apostrophes), numbers
 * ({@code 2}, {@code 0.5}, {@code 120}), ordinals written with digits ({@code 3rd}), numbers with a
 * unit glued on ({@code 2s}: a number, then the word {@code s}) and the punctuation {@code ( ) ,}.
 */
final class InstructionTokenizer {
    enum Kind { WORD, NUMBER, PUNCTUATION, END }

    /** One token; {@code position} counts characters from 1. */
    record Token(Kind kind, String text, int position) {
        boolean is(String word) {
            return kind != Kind.END && kind != Kind.NUMBER && text.equals(word);
        }

        String describe() {
            return kind == Kind.END ? "the end of the instruction" : "'" + text + "'";
        }
    }

    private InstructionTokenizer() {}

    static List<Token> tokenize(String text) throws InstructionSyntaxException {
        List<Token> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(new Token(Kind.PUNCTUATION, String.valueOf(c), i + 1));
                i++;
            } else if (isDigit(c) || (c == '-' && i + 1 < s.length() && isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                String number = s.substring(start, i);
                if (number.indexOf('.') != number.lastIndexOf('.') || number.endsWith(".")) {
                    throw new InstructionSyntaxException(start + 1, "a number", "'" + number + "'");
                }
                int letters = i;
                while (letters < s.length() && isLetter(s.charAt(letters))) {
                    letters++;
                }
                String suffix = s.substring(i, letters);
                if (suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th")) {
                    out.add(new Token(Kind.WORD, number + suffix, start + 1)); // an ordinal such as 3rd
                    i = letters;
                } else {
                    out.add(new Token(Kind.NUMBER, number, start + 1));
                }
            } else if (isLetter(c)) {
                int start = i++;
                while (i < s.length() && (isLetter(s.charAt(i))
                        || ((s.charAt(i) == '-' || s.charAt(i) == '\'') && i + 1 < s.length() && isLetter(s.charAt(i + 1))))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start + 1));
            } else {
                throw new InstructionSyntaxException(i + 1, "a word, a number or one of ( , )", "'" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", s.length() + 1));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return Character.isLetter(c);
    }
}
