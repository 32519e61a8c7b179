package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.results.LabelMapPng;
import io.maskstream.connectors.results.MaskletsJsonLines;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.state.geometry.Box;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabelCommandTest {
    private static final int FRAMES = 24;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int label(String... args) {
        return new CommandLine(new LabelCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    /** One box per object, on the first frame it appears (the GOOSE teacher's input). */
    private static List<String> firstAppearanceBoxes(SyntheticScene scene) {
        List<String> lines = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < scene.frameCount(); t++) {
            for (GroundTruthObject o : scene.groundTruth(t)) {
                if (o.mask().area() >= 16 && seen.add(o.id())) {
                    Box b = o.mask().boundingBox();
                    lines.add(String.format("{\"seq\": %d, \"class\": \"%s\", \"objectId\": %d, \"box\": [%d, %d, %d, %d]}", t,
                            o.concept(), o.id(), (int) b.x1(), (int) b.y1(), (int) b.x2(), (int) b.y2()));
                }
            }
        }
        return lines;
    }

    @Test
    void boxesOnFirstAppearanceGiveFullMaskletsAndLabelMapsOfEveryFrame() throws Exception {
        SyntheticScene scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));
        Path labels = dir.resolve("labels.jsonl");
        Files.write(labels, firstAppearanceBoxes(scene));
        Path outDir = dir.resolve("out");

        int code = label("--video", "scene:crossing?frames=" + FRAMES, "--labels", labels.toString(), "--out", outDir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(outDir.resolve("instances.mots.txt")).exists();
        assertThat(outDir.resolve("instances.ytvis.json")).exists();
        assertThat(Files.readString(outDir.resolve("classes.json"))).contains("\"background\" : 0", "\"unknown\" : 255");
        List<MaskletFrame> frames = MaskletsJsonLines.read(outDir.resolve("masklets.jsonl"));
        assertThat(frames).hasSize(FRAMES);
        List<String> classes = new ArrayList<>();
        firstAppearanceBoxes(scene).forEach(l -> {
            String c = l.replaceAll(".*\"class\": \"([^\"]*)\".*", "$1");
            if (!classes.contains(c)) {
                classes.add(c);
            }
        });
        for (int t = 0; t < FRAMES; t++) {
            byte[] map = LabelMapPng.read(outDir.resolve("labels").resolve(String.format("%06d.png", t)));
            for (GroundTruthObject o : scene.groundTruth(t)) {
                if (o.mask().area() < 16) {
                    continue;
                }
                int index = classes.indexOf(o.concept()) + 1;
                byte[] truth = o.mask().toRowMajor();
                int inter = 0, union = 0;
                for (int i = 0; i < map.length; i++) {
                    boolean p = (map[i] & 0xff) == index, g = truth[i] != 0;
                    inter += p && g ? 1 : 0;
                    union += p || g ? 1 : 0;
                }
                assertThat((double) inter / union).as("frame %d, %s", t, o.concept()).isGreaterThan(0.85);
            }
        }
    }

    @Test
    void aBadLabelsFileWritesNothingAndNamesTheLineAndField() throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, "{\"seq\": 0, \"class\": \"red\", \"box\": [0, 0, 10, 10]}\n"
                + "{\"seq\": 3, \"class\": \"red\", \"box\": [0, 0, 400, 10]}\n");
        Path outDir = dir.resolve("out");

        int code = label("--video", "scene:crossing?frames=8", "--labels", labels.toString(), "--out", outDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("line 2: field 'box'", "nothing written");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void theClassesFileGivesTheIndicesAndMustNameEveryClass() throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, "{\"seq\": 0, \"class\": \"dog\", \"box\": [0, 0, 10, 10]}\n");
        Path classes = dir.resolve("classes.txt");
        Files.writeString(classes, "cat\n");

        int code = label("--video", "scene:crossing?frames=8", "--labels", labels.toString(), "--out",
                dir.resolve("out").toString(), "--classes", classes.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("line 1: field 'class': 'dog' is not in the classes file [cat]");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertThat(label("--video", "v", "--labels", "l", "--out", "o", "--format", "gif")).isEqualTo(2);
        assertThat(err.toString()).contains("--format: unknown format 'gif'");
    }
}
