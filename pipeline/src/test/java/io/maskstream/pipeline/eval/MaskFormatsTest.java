package io.maskstream.pipeline.eval;

import static io.maskstream.pipeline.eval.EvalCommandTest.assertMatches;
import static io.maskstream.pipeline.eval.EvalCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mask formats end to end against TrackEval: random MOTS sequences (generate_mots_reference.py) with
 * ignore regions and stray predictions inside them, J&F included; and the same ground truth and
 * predictions written as YouTube-VIS JSON and masklets JSON lines giving the same figures.
 */
class MaskFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void motsSequencesAgreeWithTrackEval() throws IOException {
        JsonNode reference = resourceJson("/eval/mots_reference.json");
        for (String name : new String[] {"mots_random_0", "mots_random_1", "mots_random_2"}) {
            Path gt = copyResource("/eval/" + name + "_gt.txt");
            Path pred = copyResource("/eval/" + name + "_pred.txt");
            var r = run("--format", "mots", "--gt", gt.toString(), "--pred", pred.toString(), "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertMatches(JSON.readTree(r.out()), reference.get(name), name);
        }
    }

    @Test
    void maskletsAgainstYouTubeVisGroundTruthGiveTheMotsFigures() throws IOException {
        JsonNode expected = resourceJson("/eval/mots_reference.json").get("mots_random_2");
        Path gt = copyResource("/eval/mots_random_2_gt_ytvis.json");
        Path pred = copyResource("/eval/mots_random_2_pred_masklets.jsonl");
        var r = run("--format", "masklets", "--gt-format", "ytvis", "--gt", gt.toString(), "--pred", pred.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertMatches(JSON.readTree(r.out()), expected, "masklets vs ytvis");
    }

    @Test
    void maskletsAgainstMotsGroundTruthGiveTheMotsFigures() throws IOException {
        JsonNode expected = resourceJson("/eval/mots_reference.json").get("mots_random_2");
        Path gt = copyResource("/eval/mots_random_2_gt.txt");
        Path pred = copyResource("/eval/mots_random_2_pred_masklets.jsonl");
        var r = run("--format", "masklets", "--gt-format", "mots", "--gt", gt.toString(), "--pred", pred.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertMatches(JSON.readTree(r.out()), expected, "masklets vs mots");
    }

    @Test
    void overlappingPredictedMasksAreRejected() throws IOException {
        Path gt = copyResource("/eval/mots_random_0_gt.txt");
        String first = Files.readAllLines(copyResource("/eval/mots_random_0_pred.txt")).get(0);
        String[] f = first.split(" ");
        Path pred = dir.resolve("overlap.txt");
        // the same mask twice under two ids on one frame
        Files.writeString(pred, first + "\n" + f[0] + " 77 " + f[2] + " " + f[3] + " " + f[4] + " " + f[5] + "\n");
        var r = run("--format", "mots", "--gt", gt.toString(), "--pred", pred.toString(), "--json");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("masks overlap in frame " + f[0]);
    }

    private JsonNode resourceJson(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }

    private Path copyResource(String name) throws IOException {
        Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }
}
