package io.maskstream.pipeline.eval;

import io.maskstream.pipeline.eval.TrackedObject.Role;
import java.nio.file.Path;

/**
 * MOTChallenge 2D box files, read with TrackEval's conventions for the given {@link MotBenchmark}.
 *
 * <p>Ground truth: column 7 ("consider") 0 means the row is not evaluated (a prediction on it is a
 * false positive). MOT16/17/20: column 8 is the class — only pedestrians (1) are evaluated,
 * predictions matched to a distractor class are dropped, and a class outside 1-13 is refused (as
 * TrackEval refuses it when it preprocesses). MOT15: the class column is not read. A gt file with
 * fewer columns is taken as all pedestrians, all considered. Predictions: column 7 is a confidence
 * and ignored (no score threshold); a class above 1 is rejected as TrackEval does.
 */
final class MotChallengeLoader {

    static final int PEDESTRIAN = 1;
    private static final int CLASS_COLUMN = 7;

    private MotChallengeLoader() {}

    static TrackingSequence load(Path file, boolean groundTruth, MotBenchmark benchmark) {
        TrackingSequence.Builder b = TrackingSequence.builder();
        for (TextRows.Row row : TextRows.read(file, false)) {
            int t = TextRows.frameIndex(file, row);
            int id = TextRows.integer(file, row, 1);
            BoxRegion box = new BoxRegion(TextRows.number(file, row, 2), TextRows.number(file, row, 3),
                    TextRows.number(file, row, 4), TextRows.number(file, row, 5));
            int columns = row.fields().length;
            Role role = Role.EVALUATED;
            if (groundTruth) {
                boolean considered = columns <= 6 || TextRows.integer(file, row, 6) != 0;
                int cls = columns > CLASS_COLUMN ? TextRows.integer(file, row, CLASS_COLUMN) : PEDESTRIAN;
                if (benchmark.usesClasses() && (cls < MotBenchmark.FIRST_CLASS || cls > MotBenchmark.LAST_CLASS)) {
                    throw new EvaluationException(file + " line " + row.line() + ": ground-truth class " + cls
                            + " is not a " + benchmark + " class (1-13)"
                            + (cls == -1 ? "; class -1 is the MOT15 convention: use --benchmark MOT15" : ""));
                }
                if (benchmark.distractorClasses().contains(cls)) {
                    role = Role.DISTRACTOR;
                } else if (!considered || (benchmark.usesClasses() && cls != PEDESTRIAN)) {
                    role = Role.NEUTRAL;
                }
            } else if (columns > CLASS_COLUMN && TextRows.integer(file, row, CLASS_COLUMN) > 1) {
                throw new EvaluationException(file + " line " + row.line() + ": prediction class "
                        + TextRows.integer(file, row, CLASS_COLUMN)
                        + " found; MOTChallenge evaluation is for pedestrians (class 1) only");
            }
            b.add(t, new TrackedObject(id, box, null, role));
        }
        return b.build();
    }

    /** Whether any row's class column holds −1. */
    static boolean hasClassMinusOne(Path file) {
        for (TextRows.Row row : TextRows.read(file, false)) {
            if (row.fields().length > CLASS_COLUMN && TextRows.integer(file, row, CLASS_COLUMN) == -1) {
                return true;
            }
        }
        return false;
    }
}
