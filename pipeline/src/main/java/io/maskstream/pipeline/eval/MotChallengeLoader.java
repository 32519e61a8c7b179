package io.maskstream.pipeline.eval;

import io.maskstream.pipeline.eval.TrackedObject.Role;
import java.nio.file.Path;
import java.util.Set;

/**
 * MOTChallenge 2D box files, read with TrackEval's MOT17 conventions.
 *
 * <p>Ground truth: column 7 ("consider") 0 means the row is not evaluated (a prediction on it is a
 * false positive); column 8 is the class — only pedestrians (1) are evaluated, and predictions matched
 * to person-on-vehicle (2), static person (7), distractor (8) or reflection (12) are dropped. A gt
 * file with fewer columns is taken as all pedestrians, all considered. Predictions: column 7 is a
 * confidence and ignored (no score threshold); a class above 1 is rejected as TrackEval does.
 */
final class MotChallengeLoader {

    static final int PEDESTRIAN = 1;
    static final Set<Integer> DISTRACTOR_CLASSES = Set.of(2, 7, 8, 12);

    private MotChallengeLoader() {}

    static TrackingSequence load(Path file, boolean groundTruth) {
        TrackingSequence.Builder b = TrackingSequence.builder();
        for (TextRows.Row row : TextRows.read(file, false)) {
            int t = TextRows.frameIndex(file, row);
            int id = TextRows.integer(file, row, 1);
            BoxRegion box = new BoxRegion(TextRows.number(file, row, 2), TextRows.number(file, row, 3),
                    TextRows.number(file, row, 4), TextRows.number(file, row, 5));
            int columns = row.fields().length;
            Role role = Role.EVALUATED;
            if (groundTruth) {
                int consider = columns > 6 ? TextRows.integer(file, row, 6) : 1;
                int cls = columns > 7 ? TextRows.integer(file, row, 7) : PEDESTRIAN;
                if (DISTRACTOR_CLASSES.contains(cls)) {
                    role = Role.DISTRACTOR;
                } else if (cls != PEDESTRIAN || consider == 0) {
                    role = Role.NEUTRAL;
                }
            } else if (columns > 7 && TextRows.integer(file, row, 7) > 1) {
                throw new EvaluationException(file + " line " + row.line() + ": prediction class "
                        + TextRows.integer(file, row, 7) + " found; MOTChallenge evaluation is for pedestrians (class 1) only");
            }
            b.add(t, new TrackedObject(id, box, null, role));
        }
        return b.build();
    }
}
