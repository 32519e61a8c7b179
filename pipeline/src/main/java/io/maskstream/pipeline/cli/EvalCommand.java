package io.maskstream.pipeline.cli;

import io.maskstream.pipeline.eval.EvalFormat;
import io.maskstream.pipeline.eval.EvaluationException;
import io.maskstream.pipeline.eval.LoadOptions;
import io.maskstream.pipeline.eval.MetricsReport;
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
        })
public class EvalCommand implements Callable<Integer> {

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

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "Predictions file.")
    Path pred;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--class-id", paramLabel = "N",
            description = "MOTS / YouTube-VIS category to evaluate; default: all categories as one class.")
    Integer classId;

    @Option(names = "--video-id", paramLabel = "N", description = "YouTube-VIS video to evaluate when a file holds several.")
    Integer videoId;

    @Option(names = "--stream-id", paramLabel = "ID", description = "Masklets stream to evaluate when a file holds several.")
    String streamId;

    public EvalCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        try {
            EvalFormat predFormat = EvalFormat.parse(format);
            EvalFormat groundTruthFormat = gtFormat == null ? predFormat : EvalFormat.parse(gtFormat);
            LoadOptions options = new LoadOptions(classId, videoId, streamId);
            TrackingSequence g = groundTruthFormat.load(gt, true, options);
            TrackingSequence p = predFormat.load(pred, false, options);
            MetricsReport report = TrackingMetrics.evaluate(g, p);
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
