package io.maskstream.pipeline.eval;

import java.nio.file.Path;
import java.util.Locale;

/** The tracking file formats the evaluation reads, each into a {@link TrackingSequence}. */
public enum EvalFormat {
    /** MOTChallenge 2D box txt: frame, id, x, y, w, h, conf/consider, class, visibility (frames 1-based). */
    MOT,
    /** MOTS Challenge txt: frame id class height width rle (frames 1-based, class 10 = ignore region). */
    MOTS,
    /** YouTube-VIS JSON: ground truth ({videos, annotations}) or results (a list of tracks). */
    YTVIS,
    /** Our masklets output: one MaskletFrame JSON object per line, frame index = seq. */
    MASKLETS;

    public static EvalFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("unknown format '" + s + "' (expected mot, mots, ytvis or masklets)");
        }
    }

    /**
     * Reads a file of this format.
     *
     * @param groundTruth whether the file is ground truth (MOT and MOTS treat gt rows specially)
     * @throws EvaluationException when the file cannot be read or breaks the format's rules
     */
    public TrackingSequence load(Path file, boolean groundTruth, LoadOptions options) {
        return switch (this) {
            case MOT -> MotChallengeLoader.load(file, groundTruth,
                    options.benchmark() != null ? options.benchmark() : MotBenchmark.detect(file));
            case MOTS -> MotsChallengeLoader.load(file, groundTruth, options.classId());
            case YTVIS -> YouTubeVisLoader.load(file, groundTruth, options.videoId(), options.classId());
            case MASKLETS -> MaskletsLoader.load(file, options.streamId());
        };
    }
}
