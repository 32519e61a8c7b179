package io.maskstream.pipeline.eval;

/**
 * Selections a loader applies when a file holds more than one sequence or class.
 *
 * @param classId MOTS / YouTube-VIS category to evaluate; null = every category (single-class evaluation)
 * @param videoId YouTube-VIS video to evaluate; null = the file's only video
 * @param streamId masklets stream to evaluate; null = the file's only stream
 * @param benchmark MOTChallenge conventions for MOT ground truth; null = {@link MotBenchmark#detect}
 */
public record LoadOptions(Integer classId, Integer videoId, String streamId, MotBenchmark benchmark) {
    public static final LoadOptions DEFAULT = new LoadOptions(null, null, null, null);

    public LoadOptions(Integer classId, Integer videoId, String streamId) {
        this(classId, videoId, streamId, null);
    }
}
