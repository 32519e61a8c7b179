package io.maskstream.pipeline.eval;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The MOTChallenge benchmark whose ground-truth conventions a MOT file follows, as TrackEval's
 * {@code MotChallenge2DBox} applies them. MOT15 has no classes: ground truth is filtered by the
 * column-7 "consider" flag only, and no prediction is removed. MOT16, MOT17 and MOT20 evaluate
 * pedestrians (class 1) only and drop predictions matched to a distractor class; MOT20 counts
 * non-MOT vehicles (6) as distractors too.
 */
public enum MotBenchmark {
    MOT15,
    MOT16,
    MOT17,
    MOT20;

    /** TrackEval's class ids 1 (pedestrian) to 13 (crowd); others are refused when classes are used. */
    static final int FIRST_CLASS = 1, LAST_CLASS = 13;

    public static MotBenchmark parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("unknown benchmark '" + s + "' (expected MOT15, MOT16, MOT17 or MOT20)");
        }
    }

    /**
     * MOT15 when any ground-truth row's class column (8) is −1, the MOT15 convention many tools also
     * write for custom data; else MOT17, TrackEval's default.
     */
    public static MotBenchmark detect(Path groundTruth) {
        return MotChallengeLoader.hasClassMinusOne(groundTruth) ? MOT15 : MOT17;
    }

    /** Whether ground truth is filtered by class and predictions on distractors are removed. */
    boolean usesClasses() {
        return this != MOT15;
    }

    /** Ground-truth classes whose matched predictions are removed (none for MOT15). */
    Set<Integer> distractorClasses() {
        return switch (this) {
            case MOT15 -> Set.of();
            case MOT16, MOT17 -> Set.of(2, 7, 8, 12);
            case MOT20 -> Set.of(2, 6, 7, 8, 12);
        };
    }
}
