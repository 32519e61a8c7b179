package io.maskstream.pipeline.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.PromptPoint;
import io.maskstream.connectors.results.LabelMapPng;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeakLabelsFileTest {
    @TempDir
    Path dir;

    private List<WeakLabel> read(String... lines) throws Exception {
        Path f = dir.resolve("labels.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return WeakLabelsFile.read(f);
    }

    private String problems(String... lines) {
        Path f = dir.resolve("labels.jsonl");
        try {
            Files.writeString(f, String.join("\n", lines) + "\n");
            WeakLabelsFile.read(f);
        } catch (LabelsFileException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem found");
    }

    @Test
    void aBoxLineIsABoxLabelWithItsFrameClassAndObject() throws Exception {
        WeakLabel l = read("{\"seq\": 3, \"class\": \"person\", \"objectId\": 7, \"box\": [10, 20, 50, 80]}").get(0);
        assertThat(l.kind()).isEqualTo(WeakLabel.Kind.BOX);
        assertThat(l.seq()).isEqualTo(3);
        assertThat(l.className()).isEqualTo("person");
        assertThat(l.objectId()).isEqualTo(7);
        assertThat(l.box()).isEqualTo(new Box(10, 20, 50, 80));
        assertThat(l.line()).isEqualTo(1);
    }

    @Test
    void pointsCarryTheirPositiveAndNegativeLabels() throws Exception {
        WeakLabel l = read("{\"seq\": 0, \"class\": \"car\", \"points\": [[5, 6], [7, 8]], \"labels\": [\"positive\", \"negative\"]}").get(0);
        assertThat(l.kind()).isEqualTo(WeakLabel.Kind.POINTS);
        assertThat(l.objectId()).isNull();
        assertThat(l.points()).containsExactly(new PromptPoint(5, 6, true), new PromptPoint(7, 8, false));
    }

    @Test
    void pointsWithoutLabelsAreAllPositive() throws Exception {
        WeakLabel l = read("{\"seq\": 0, \"class\": \"car\", \"points\": [[5, 6]]}").get(0);
        assertThat(l.points()).containsExactly(new PromptPoint(5, 6, true));
    }

    @Test
    void aScribbleIsAPolylineOfVertices() throws Exception {
        WeakLabel l = read("{\"seq\": 2, \"class\": \"road\", \"scribble\": [[0, 0], [10, 5], [20, 5]]}").get(0);
        assertThat(l.kind()).isEqualTo(WeakLabel.Kind.SCRIBBLE);
        assertThat(l.scribble()).hasSize(3);
        assertThat(l.scribble().get(1)).isEqualTo(new PromptPoint(10, 5, true));
    }

    @Test
    void aCoarseMaskIsReadFromCocoRle() throws Exception {
        Mask m = Mask.rectangle(4, 6, 1, 1, 3, 4);
        String counts = m.toRle().toCompressedString().replace("\\", "\\\\");
        WeakLabel l = read("{\"seq\": 1, \"class\": \"road\", \"mask\": {\"size\": [4, 6], \"counts\": \"" + counts + "\"}}").get(0);
        assertThat(l.kind()).isEqualTo(WeakLabel.Kind.MASK);
        assertThat(l.mask()).isEqualTo(m);
    }

    @Test
    void aCoarseMaskIsReadFromAPngRelativeToTheLabelsFile() throws Exception {
        Files.createDirectories(dir.resolve("masks"));
        byte[] px = new byte[6 * 4];
        px[1 * 6 + 2] = 3;
        px[2 * 6 + 2] = 1;
        LabelMapPng.write(dir.resolve("masks/f1.png"), px, 6, 4);
        WeakLabel l = read("{\"seq\": 1, \"class\": \"road\", \"mask\": \"masks/f1.png\"}").get(0);
        assertThat(l.mask().area()).isEqualTo(2);
        assertThat(l.mask().get(1, 2)).isTrue();
        assertThat(l.mask().get(2, 2)).isTrue();
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersCountThem() throws Exception {
        List<WeakLabel> l = read("", "{\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1]}");
        assertThat(l).hasSize(1);
        assertThat(l.get(0).line()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {\"seq\": 0, | line 1: not JSON",
        "not an object | [1, 2] | line 1: expected a JSON object",
        "unknown field | {\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1], \"colour\": 1} | line 1: field 'colour': unknown field",
        "duplicate field | {\"seq\": 0, \"seq\": 1, \"class\": \"a\", \"box\": [0, 0, 1, 1]} | line 1: not JSON: Duplicate field 'seq'",
        "missing seq | {\"class\": \"a\", \"box\": [0, 0, 1, 1]} | line 1: field 'seq': missing",
        "negative seq | {\"seq\": -1, \"class\": \"a\", \"box\": [0, 0, 1, 1]} | line 1: field 'seq': expected a non-negative integer",
        "fractional seq | {\"seq\": 1.5, \"class\": \"a\", \"box\": [0, 0, 1, 1]} | line 1: field 'seq': expected a non-negative integer",
        "missing class | {\"seq\": 0, \"box\": [0, 0, 1, 1]} | line 1: field 'class': missing",
        "blank class | {\"seq\": 0, \"class\": \" \", \"box\": [0, 0, 1, 1]} | line 1: field 'class': expected a non-blank string",
        "negative object id | {\"seq\": 0, \"class\": \"a\", \"objectId\": -2, \"box\": [0, 0, 1, 1]} | line 1: field 'objectId': expected a non-negative integer",
        "no label | {\"seq\": 0, \"class\": \"a\"} | line 1: field 'box': missing; a line holds exactly one of box, points, scribble, mask",
        "two labels | {\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1], \"points\": [[0, 0]]} | line 1: field 'points': a line holds exactly one",
        "short box | {\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1]} | line 1: field 'box': expected [x1, y1, x2, y2]",
        "inverted box | {\"seq\": 0, \"class\": \"a\", \"box\": [5, 0, 1, 1]} | line 1: field 'box': x2 must be > x1 and y2 > y1",
        "non-numeric box | {\"seq\": 0, \"class\": \"a\", \"box\": [0, \"0\", 1, 1]} | line 1: field 'box': expected [x1, y1, x2, y2]",
        "empty points | {\"seq\": 0, \"class\": \"a\", \"points\": []} | line 1: field 'points': expected an array of at least 1 [x, y]",
        "bad point | {\"seq\": 0, \"class\": \"a\", \"points\": [[0]]} | line 1: field 'points': entry 0 must be [x, y]",
        "labels count | {\"seq\": 0, \"class\": \"a\", \"points\": [[0, 0]], \"labels\": []} | line 1: field 'labels': expected one",
        "bad label word | {\"seq\": 0, \"class\": \"a\", \"points\": [[0, 0]], \"labels\": [\"yes\"]} | line 1: field 'labels': entry 0 must be",
        "only negative | {\"seq\": 0, \"class\": \"a\", \"points\": [[0, 0]], \"labels\": [\"negative\"]} | line 1: field 'labels': at least one point must be positive",
        "labels without points | {\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1], \"labels\": [\"positive\"]} | line 1: field 'labels': belongs to 'points'",
        "one-vertex scribble | {\"seq\": 0, \"class\": \"a\", \"scribble\": [[0, 0]]} | line 1: field 'scribble': expected an array of at least 2",
        "mask of wrong type | {\"seq\": 0, \"class\": \"a\", \"mask\": 5} | line 1: field 'mask': expected a COCO RLE",
        "mask without size | {\"seq\": 0, \"class\": \"a\", \"mask\": {\"counts\": \"1\"}} | line 1: field 'mask': 'size' must be [height, width]",
        "mask with bad counts | {\"seq\": 0, \"class\": \"a\", \"mask\": {\"size\": [4, 6], \"counts\": \"zz\"}} | line 1: field 'mask': 'counts' is not a COCO RLE of 4x6",
        "missing PNG | {\"seq\": 0, \"class\": \"a\", \"mask\": \"nope.png\"} | line 1: field 'mask':",
    })
    void aMalformedLineIsReportedWithItsLineAndField(String what, String line, String expected) {
        assertThat(problems(line)).contains(expected);
    }

    @Test
    void everyBadLineIsReportedNotOnlyTheFirst() {
        String message = problems("{\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1]}", "{\"seq\": -1, \"class\": \"a\", \"box\": [0, 0, 1, 1]}",
                "{\"seq\": 0, \"class\": \"a\"}");
        assertThat(message).contains("2 problems", "line 2: field 'seq'", "line 3: field 'box'");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThat(problems("")).contains("no labels");
    }

    private static final int W = 64, H = 48;

    private static String checkProblems(List<WeakLabel> labels, List<String> classes) {
        try {
            WeakLabelsFile.check("labels.jsonl", labels, W, H, 10, classes);
        } catch (LabelsFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no problem found");
    }

    @Test
    void aFramePastTheVideoIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 10, \"class\": \"a\", \"box\": [0, 0, 1, 1]}"), null))
                .contains("line 1: field 'seq': frame 10 is past the video's last frame 9");
    }

    @Test
    void aBoxOutsideTheFrameIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 65, 10]}"), null))
                .contains("line 1: field 'box'", "not inside the 64x48 frame");
    }

    @Test
    void aPointOrScribbleOutsideTheFrameIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"a\", \"points\": [[64, 0]]}"), null))
                .contains("line 1: field 'points': point 0 (64.0, 0.0) is outside the 64x48 frame");
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"a\", \"scribble\": [[0, 0], [5, 48]]}"), null))
                .contains("line 1: field 'scribble': point 1");
    }

    @Test
    void aMaskOfAnotherSizeOrEmptyIsRejected() throws Exception {
        String counts = Mask.rectangle(4, 6, 1, 1, 3, 4).toRle().toCompressedString().replace("\\", "\\\\");
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"a\", \"mask\": {\"size\": [4, 6], \"counts\": \"" + counts + "\"}}"), null))
                .contains("line 1: field 'mask': 6x4, the video's frames are 64x48");
        String empty = Mask.empty(H, W).toRle().toCompressedString().replace("\\", "\\\\");
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"a\", \"mask\": {\"size\": [48, 64], \"counts\": \"" + empty + "\"}}"), null))
                .contains("line 1: field 'mask': the mask is empty");
    }

    @Test
    void aClassNotInTheClassesFileIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"dog\", \"box\": [0, 0, 1, 1]}"), List.of("cat")))
                .contains("line 1: field 'class': 'dog' is not in the classes file [cat]");
    }

    @Test
    void oneObjectWithTwoClassesIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"cat\", \"objectId\": 1, \"box\": [0, 0, 1, 1]}",
                "{\"seq\": 2, \"class\": \"dog\", \"objectId\": 1, \"box\": [0, 0, 1, 1]}"), null))
                .contains("line 2: field 'class': object 1 is 'cat' on line 1, not 'dog'");
    }

    @Test
    void oneObjectWithTwoLabelsOnAFrameIsRejected() throws Exception {
        assertThat(checkProblems(read("{\"seq\": 0, \"class\": \"cat\", \"objectId\": 1, \"box\": [0, 0, 1, 1]}",
                "{\"seq\": 0, \"class\": \"cat\", \"objectId\": 1, \"points\": [[0, 0]]}"), null))
                .contains("line 2: field 'objectId': object 1 already has a label on frame 0 (line 1)");
    }

    @Test
    void validLabelsPassTheCheck() throws Exception {
        WeakLabelsFile.check("labels.jsonl", read("{\"seq\": 9, \"class\": \"a\", \"box\": [0, 0, 64, 48]}"), W, H, 10, List.of("a"));
    }

    @Test
    void aLineIsNeverHalfRead() {
        assertThatThrownBy(() -> read("{\"seq\": 0, \"class\": \"a\", \"box\": [0, 0, 1, 1]} trailing"))
                .isInstanceOf(LabelsFileException.class);
    }
}
