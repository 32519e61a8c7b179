package io.maskstream.pipeline.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Rows of a comma- or space-separated text file, as TrackEval's sniffing reader splits them. */
final class TextRows {

    /** One non-blank line, split into trimmed fields, with its 1-based line number. */
    record Row(int line, String[] fields) {}

    private TextRows() {}

    static List<Row> read(Path file, boolean spacesOnly) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvaluationException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = !spacesOnly && l.indexOf(',') >= 0 ? l.split("\\s*,\\s*") : l.split("\\s+");
            rows.add(new Row(i + 1, f));
        }
        return rows;
    }

    static double number(Path file, Row row, int col) {
        if (col >= row.fields().length) {
            throw new EvaluationException(file + " line " + row.line() + ": expected at least " + (col + 1)
                    + " columns, found " + row.fields().length);
        }
        try {
            return Double.parseDouble(row.fields()[col]);
        } catch (NumberFormatException e) {
            throw new EvaluationException(
                    file + " line " + row.line() + ": column " + (col + 1) + " is not a number: " + row.fields()[col]);
        }
    }

    /** Python's {@code int(float(s))}: truncation toward zero. */
    static int integer(Path file, Row row, int col) {
        return (int) number(file, row, col);
    }

    /** 0-based frame index from a 1-based frame number, rejecting frames before 1. */
    static int frameIndex(Path file, Row row) {
        int frame = integer(file, row, 0);
        if (frame < 1) {
            throw new EvaluationException(file + " line " + row.line() + ": frame " + frame
                    + " is invalid (frames are numbered from 1)");
        }
        return frame - 1;
    }
}
