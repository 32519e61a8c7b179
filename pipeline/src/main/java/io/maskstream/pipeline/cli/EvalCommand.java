package io.maskstream.pipeline.cli;

import io.maskstream.pipeline.eval.EvalFormat;
import io.maskstream.pipeline.eval.EvaluationException;
import io.maskstream.pipeline.eval.LoadOptions;
import io.maskstream.pipeline.eval.MetricsReport;
import io.maskstream.pipeline.eval.MotBenchmark;
import io.maskstream.pipeline.eval.TrackingMetrics;
import io.maskstream.pipeline.eval.TrackingSequence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream eval}: tracking metrics (HOTA, CLEAR, Identity, J&F) of predictions against ground truth. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Scores predicted tracks against ground truth.",
            "Prints HOTA, CLEAR MOT, Identity and (for masks) J&F, computed as TrackEval computes them,",
            "over the whole sequence, single class."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the scores were printed",
            "2:a file cannot be read or breaks its format's rules",
            "3:no ground truth is left to evaluate after filtering (nothing is scored)"
        })
public class EvalCommand implements Callable<Integer> {
    /** Exit code when filtering leaves no ground truth (2 is unreadable or invalid input). */
    public static final int EMPTY_GROUND_TRUTH = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "mot|mots|ytvis|masklets",
            description = "Format of the predictions (and of the ground truth unless --gt-format is given).")
    String format;

    @Option(names = "--gt-format", paramLabel = "mot|mots|ytvis|masklets",
            description = "Format of the ground truth; default: --format.")
    String gtFormat;

    @Option(names = "--gt", required = true, paramLabel = "FILE", description = "Ground-truth file.")
    Path gt;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "Predictions file; for masklets also the job's job.output-file directory (with --stream-id).")
    Path pred;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--class-id", paramLabel = "N",
            description = "MOTS / YouTube-VIS category to evaluate; default: all categories as one class.")
    Integer classId;

    @Option(names = "--video-id", paramLabel = "N", description = "YouTube-VIS video to evaluate when a file holds several.")
    Integer videoId;

    @Option(names = "--stream-id", paramLabel = "ID", description = "Masklets stream to evaluate when a file or a job.output-file directory holds several.")
    String streamId;

    @Option(names = "--benchmark", paramLabel = "MOT15|MOT16|MOT17|MOT20",
            description = {"MOTChallenge conventions for --format mot ground truth, as TrackEval applies them:",
                "MOT15 filters by column 7 (consider) only; MOT16/17/20 evaluate class 1 (pedestrian) only and",
                "drop predictions on distractors. Default: MOT15 when a class column is -1, else MOT17."})
    String benchmark;

    public EvalCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        try {
            EvalFormat predFormat = EvalFormat.parse(format);
            EvalFormat groundTruthFormat = gtFormat == null ? predFormat : EvalFormat.parse(gtFormat);
            MotBenchmark mot = benchmark == null ? null : MotBenchmark.parse(benchmark);
            if (mot == null && groundTruthFormat == EvalFormat.MOT) {
                mot = MotBenchmark.detect(gt);
                if (mot == MotBenchmark.MOT15) {
                    err.println("eval: note: " + gt + " has class -1 in column 8, the MOT15 convention; evaluating "
                            + "as --benchmark MOT15 (ground truth filtered by column 7 only, no class filter)");
                }
            }
            LoadOptions options = new LoadOptions(classId, videoId, streamId, mot);
            TrackingSequence g = groundTruthFormat.load(gt, true, options);
            TrackingSequence p = predFormat.load(pred, false, options);
            MetricsReport report = TrackingMetrics.evaluate(g, p);
            if (report.gtDets() == 0) {
                err.println("eval: warning: no ground truth is left to evaluate after filtering (" + g.objectCount()
                        + " objects read from " + gt + "); refusing to score against an empty ground truth"
                        + (groundTruthFormat == EvalFormat.MOT
                                ? ". MOT files: rows with column 7 = 0 are not evaluated, and with --benchmark "
                                        + "MOT16/17/20 only class 1 (pedestrian) is"
                                : ""));
                err.flush();
                return EMPTY_GROUND_TRUTH;
            }
            out.print(json ? report.toJson() + "\n" : report.toTable());
            out.flush();
            return 0;
        } catch (EvaluationException | IllegalArgumentException e) {
            err.println("eval: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
