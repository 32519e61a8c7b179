package io.maskstream.connectors.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotsWriterTest {
    static MaskletObject object(int id, float score, Mask mask) {
        Rle rle = mask.toRle();
        return new MaskletObject(id, "red", score, new float[] {0, 0, 1, 1},
                new RleMask(mask.height(), mask.width(), rle.toCompressedString()), List.of());
    }

    static String write(MaskletFrame... frames) throws IOException {
        StringWriter out = new StringWriter();
        MotsWriter w = new MotsWriter(out);
        for (MaskletFrame f : frames) {
            w.write(f);
        }
        return out.toString();
    }

    @Test
    void aLineIsFrameFromOneThenClassTimesThousandPlusIdClassHeightWidthAndRle() throws IOException {
        Mask m = Mask.rectangle(3, 4, 1, 0, 3, 2);
        String text = write(new MaskletFrame("s", 0, 0, 0, 4, 3, List.of(object(5, 0.9f, m))));
        assertThat(text).isEqualTo("1 2005 2 3 4 " + m.toRle().toCompressedString() + "\n");
    }

    @Test
    void linesAreOrderedByIdAndEmptyMasksAreLeftOut() throws IOException {
        MaskletFrame f = new MaskletFrame("s", 9, 0, 0, 10, 10, List.of(
                object(7, 0.5f, Mask.rectangle(10, 10, 0, 0, 2, 2)),
                object(2, 0.9f, Mask.rectangle(10, 10, 5, 5, 7, 7)),
                object(4, 0.9f, Mask.empty(10, 10))));
        assertThat(write(f).lines()).extracting(l -> l.split(" ")[0] + " " + l.split(" ")[1])
                .containsExactly("10 2002", "10 2007");
    }

    @Test
    void overlappingPixelsGoToTheHigherScoringObject() throws IOException {
        Mask big = Mask.rectangle(10, 10, 0, 0, 6, 6);
        Mask small = Mask.rectangle(10, 10, 4, 4, 8, 8);
        String text = write(new MaskletFrame("s", 0, 0, 0, 10, 10,
                List.of(object(1, 0.4f, big), object(2, 0.8f, small))));
        List<String> lines = text.lines().toList();
        Mask first = Rle.fromCompressedString(10, 10, lines.get(0).split(" ")[5]).decode();
        Mask second = Rle.fromCompressedString(10, 10, lines.get(1).split(" ")[5]).decode();
        assertThat(second).isEqualTo(small);
        assertThat(first).isEqualTo(big.andNot(small));
        assertThat(first.intersectionArea(second)).isZero();
    }

    @Test
    void idsThatDoNotFitTheMotsEncodingAreRejected() {
        assertThatThrownBy(() -> write(new MaskletFrame("s", 0, 0, 0, 4, 4,
                List.of(object(1000, 1, Mask.rectangle(4, 4, 0, 0, 1, 1))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..999");
    }

    @Test
    void sceneGroundTruthWrittenAsMotsDecodesBackToTheSceneMasks() throws IOException {
        SyntheticScene scene = Scenarios.create("occlusion", SceneSettings.defaults().withFrameCount(80));
        String text = write(SceneGroundTruth.maskletFrames(scene, "occlusion").toArray(MaskletFrame[]::new));
        int lines = 0;
        for (String line : text.lines().toList()) {
            String[] p = line.split(" ");
            int frame = Integer.parseInt(p[0]);
            int id = Integer.parseInt(p[1]) - 2000;
            GroundTruthObject truth = scene.groundTruth(frame - 1).get(id - 1);
            assertThat(Rle.fromCompressedString(240, 320, p[5]).decode()).isEqualTo(truth.mask());
            lines++;
        }
        long visible = 0;
        for (int t = 0; t < scene.frameCount(); t++) {
            visible += scene.groundTruth(t).stream().filter(o -> !o.mask().isEmpty()).count();
        }
        assertThat(lines).isEqualTo(visible);
    }
}
