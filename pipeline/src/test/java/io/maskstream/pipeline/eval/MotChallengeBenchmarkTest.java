package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.pipeline.cli.EvalCommand;
import io.maskstream.pipeline.eval.EvalCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOTChallenge ground truth under each benchmark's conventions, as TrackEval's
 * {@code MotChallenge2DBox.get_preprocessed_seq_data} applies them. Every box is 10x10 and a prediction
 * either covers a gt box exactly (IoU 1) or no gt box at all (IoU 0), so each figure is the same at
 * every HOTA α and can be worked out by hand; the derivations are in the comments.
 */
class MotChallengeBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-9;

    @TempDir
    Path dir;

    /** MOT15 style: class and visibility columns are -1; gt id 2 has consider = 0. */
    private static final String MOT15_GT = """
            1,1,0,0,10,10,1,-1,-1,-1
            1,2,20,0,10,10,0,-1,-1,-1
            2,1,0,0,10,10,1,-1,-1,-1
            """;

    /** Prediction 7 follows gt 1 on both frames; prediction 8 sits on the not-considered gt 2. */
    private static final String MOT15_PRED = """
            1,7,0,0,10,10,1,-1,-1,-1
            1,8,20,0,10,10,1,-1,-1,-1
            2,7,0,0,10,10,1,-1,-1,-1
            """;

    /**
     * MOT17 style. Frame 1: pedestrian 1, static person 2 (class 7, a distractor), car 3 (class 3),
     * pedestrian 4 with consider = 0. Frame 2: pedestrian 1.
     */
    private static final String MOT17_GT = """
            1,1,0,0,10,10,1,1,1
            1,2,20,0,10,10,1,7,1
            1,3,40,0,10,10,1,3,1
            1,4,60,0,10,10,0,1,1
            2,1,0,0,10,10,1,1,1
            """;

    /** One prediction exactly on each gt box of frame 1 (ids 7, 8, 9, 10), and 7 again on frame 2. */
    private static final String MOT17_PRED = """
            1,7,0,0,10,10,1,-1,-1,-1
            1,8,20,0,10,10,1,-1,-1,-1
            1,9,40,0,10,10,1,-1,-1,-1
            1,10,60,0,10,10,1,-1,-1,-1
            2,7,0,0,10,10,1,-1,-1,-1
            """;

    @Test
    void classMinusOneIsDetectedAsMot15AndFilteredByTheConsiderFlagOnly() throws IOException {
        Run r = eval(MOT15_GT, MOT15_PRED);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("MOT15");
        JsonNode m = JSON.readTree(r.out());
        // MOT15 keeps gt rows whose column 7 is not 0: gt 1 on frames 1 and 2 (gt 2 is dropped), and
        // removes no prediction. Frame 1: 7 matches gt 1 (IoU 1), 8 overlaps nothing kept -> FP;
        // frame 2: 7 matches gt 1. TP = 2, FN = 0, FP = 1, IDSW = 0.
        assertThat(m.get("GT_IDs").asInt()).isEqualTo(1);
        assertThat(m.get("GT_Dets").asInt()).isEqualTo(2);
        assertThat(m.get("Pred_Dets").asInt()).isEqualTo(EvalCommand.EMPTY_GROUND_TRUTH);
        assertThat(m.get("CLR_TP").asInt()).isEqualTo(2);
        assertThat(m.get("CLR_FP").asInt()).isEqualTo(1);
        assertThat(m.get("CLR_FN").asInt()).isZero();
        // MOTA = (TP - FP - IDSW) / gt dets = (2 - 1 - 0) / 2.
        assertThat(m.get("MOTA").asDouble()).isCloseTo(0.5, within(TOL));
        // MOTP = summed IoU of matches / TP = 2 / 2.
        assertThat(m.get("MOTP").asDouble()).isCloseTo(1.0, within(TOL));
        // IDTP = 2 (gt 1 <-> 7 twice), IDFP = 1 (8), IDFN = 0: IDF1 = 2*2 / (2*2 + 1 + 0).
        assertThat(m.get("IDF1").asDouble()).isCloseTo(0.8, within(TOL));
        // Every α: DetA = TP / (TP + FN + FP) = 2/3; AssA = 1 (gt 1 and 7 always together: 2 / (2 + 2 - 2));
        // HOTA = sqrt(DetA * AssA) = sqrt(2/3).
        assertThat(m.get("DetA").asDouble()).isCloseTo(2.0 / 3, within(TOL));
        assertThat(m.get("AssA").asDouble()).isCloseTo(1.0, within(TOL));
        assertThat(m.get("HOTA").asDouble()).isCloseTo(Math.sqrt(2.0 / 3), within(TOL));
    }

    @Test
    void classMinusOneUnderAnExplicitMot17IsRefusedNamingMot15() throws IOException {
        Run r = eval(MOT15_GT, MOT15_PRED, "--benchmark", "MOT17");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ground-truth class -1").contains("--benchmark MOT15");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mot17EvaluatesPedestriansAndDropsPredictionsOnDistractors() throws IOException {
        Run r = eval(MOT17_GT, MOT17_PRED);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode m = JSON.readTree(r.out());
        // Step 2: every prediction matches its gt box (IoU 1 >= 0.5); 8 matched static person 2 (class 7,
        // a distractor) and is removed. 9 (on car 3, class 3) and 10 (on the zero-marked pedestrian 4)
        // matched non-distractors and stay. Step 4: only pedestrians with consider != 0 are kept: gt 1 on
        // both frames. So frame 1: 7 <-> gt 1 TP, 9 and 10 FP; frame 2: 7 <-> gt 1 TP.
        // TP = 2, FP = 2, FN = 0; predictions left: 7, 9, 10 (4 dets).
        assertThat(m.get("GT_Dets").asInt()).isEqualTo(2);
        assertThat(m.get("Pred_IDs").asInt()).isEqualTo(EvalCommand.EMPTY_GROUND_TRUTH);
        assertThat(m.get("Pred_Dets").asInt()).isEqualTo(4);
        assertThat(m.get("CLR_TP").asInt()).isEqualTo(2);
        assertThat(m.get("CLR_FP").asInt()).isEqualTo(2);
        // MOTA = (2 - 2 - 0) / 2.
        assertThat(m.get("MOTA").asDouble()).isCloseTo(0.0, within(TOL));
        // IDTP = 2, IDFP = 2, IDFN = 0: IDF1 = 4 / (4 + 2).
        assertThat(m.get("IDF1").asDouble()).isCloseTo(4.0 / 6, within(TOL));
        // DetA = 2 / (2 + 0 + 2) = 1/2, AssA = 1: HOTA = sqrt(1/2).
        assertThat(m.get("HOTA").asDouble()).isCloseTo(Math.sqrt(0.5), within(TOL));
    }

    @Test
    void mot17FileScoredAsMot15KeepsEveryConsideredRowWhateverItsClass() throws IOException {
        Run r = eval(MOT17_GT, MOT17_PRED, "--benchmark", "MOT15");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode m = JSON.readTree(r.out());
        // MOT15: no prediction removed; gt kept where column 7 != 0: gt 1, 2, 3 on frame 1, gt 1 on frame 2.
        // Frame 1: 7, 8, 9 match gt 1, 2, 3; 10 (on dropped gt 4) is FP. Frame 2: 7 <-> gt 1.
        // TP = 4, FP = 1, FN = 0: MOTA = (4 - 1) / 4.
        assertThat(m.get("GT_Dets").asInt()).isEqualTo(4);
        assertThat(m.get("CLR_TP").asInt()).isEqualTo(4);
        assertThat(m.get("CLR_FP").asInt()).isEqualTo(1);
        assertThat(m.get("MOTA").asDouble()).isCloseTo(0.75, within(TOL));
    }

    @Test
    void mot20AlsoDropsPredictionsOnNonMotVehicles() throws IOException {
        String gt = """
                1,1,0,0,10,10,1,1,1
                1,2,20,0,10,10,1,6,1
                """;
        String pred = """
                1,7,0,0,10,10,1,-1,-1,-1
                1,8,20,0,10,10,1,-1,-1,-1
                """;
        // MOT17: class 6 is neither pedestrian nor distractor, so 8 stays and is a FP: MOTA = (1 - 1) / 1.
        JsonNode mot17 = JSON.readTree(eval(gt, pred, "--benchmark", "MOT17").out());
        assertThat(mot17.get("CLR_FP").asInt()).isEqualTo(1);
        assertThat(mot17.get("MOTA").asDouble()).isCloseTo(0.0, within(TOL));
        // MOT20: non_mot_vehicle (6) is a distractor, so 8 is removed: TP = 1, FP = 0, MOTA = 1.
        JsonNode mot20 = JSON.readTree(eval(gt, pred, "--benchmark", "MOT20").out());
        assertThat(mot20.get("CLR_FP").asInt()).isZero();
        assertThat(mot20.get("MOTA").asDouble()).isCloseTo(1.0, within(TOL));
    }

    @Test
    void groundTruthEmptyAfterFilteringIsAWarningAndANonZeroExitNotAScore() throws IOException {
        String allZeroMarked = """
                1,1,0,0,10,10,0,1,1
                2,1,0,0,10,10,0,1,1
                """;
        Run r = eval(allZeroMarked, MOT15_PRED);

        assertThat(r.exitCode()).isEqualTo(EvalCommand.EMPTY_GROUND_TRUTH);
        assertThat(r.err()).contains("warning").contains("no ground truth is left to evaluate");
        assertThat(r.out()).isEmpty();
    }

    private Run eval(String gt, String pred, String... extra) throws IOException {
        Path g = Files.writeString(dir.resolve("gt.txt"), gt);
        Path p = Files.writeString(dir.resolve("pred.txt"), pred);
        String[] base = {"--format", "mot", "--gt", g.toString(), "--pred", p.toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return EvalCommandTest.run(args);
    }
}
