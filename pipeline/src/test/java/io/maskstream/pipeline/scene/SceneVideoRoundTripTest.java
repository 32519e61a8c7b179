package io.maskstream.pipeline.scene;

import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.NamedColour;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.render.VideoFileWriter;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.state.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated scene written to MP4 by the bundled FFmpeg and decoded back by it. */
class SceneVideoRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aSceneWrittenToMp4DecodesToTheSameFramesWithinCodecError() throws Exception {
        SyntheticScene scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(60));
        Path file = dir.resolve("crossing.mp4");
        try (VideoFileWriter writer = VideoFileWriter.open(file, scene.width(), scene.height(), scene.fps())) {
            for (int t = 0; t < scene.frameCount(); t++) {
                writer.write(scene.frame(t));
            }
            System.out.println("codec: " + writer.codecName());
        }
        List<RgbImage> decoded = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(file.toString())) {
            assertThat(source.fps()).isEqualTo(30.0);
            for (RgbImage img = source.read(); img != null; img = source.read()) {
                decoded.add(img);
            }
        }
        assertThat(decoded).hasSize(scene.frameCount());
        double worst = 0;
        for (int t = 0; t < decoded.size(); t++) {
            RgbImage d = decoded.get(t);
            assertThat(d.width()).isEqualTo(320);
            assertThat(d.height()).isEqualTo(240);
            double diff = meanAbsDiff(scene.frame(t), d);
            worst = Math.max(worst, diff);
            assertThat(diff).as("frame %d", t).isLessThan(10);
        }
        System.out.println("worst mean abs diff: " + worst);
    }

    @Test
    void decodedObjectPixelsStillHaveTheObjectsColour() throws Exception {
        SyntheticScene scene = Scenarios.create("occlusion", SceneSettings.defaults().withFrameCount(30));
        Path file = dir.resolve("occlusion.mp4");
        try (VideoFileWriter writer = VideoFileWriter.open(file, scene.width(), scene.height(), scene.fps())) {
            for (int t = 0; t < scene.frameCount(); t++) {
                writer.write(scene.frame(t));
            }
        }
        try (VideoFileSource source = VideoFileSource.file(file.toString())) {
            for (int t = 0; t < scene.frameCount(); t++) {
                RgbImage img = source.read();
                for (GroundTruthObject o : scene.groundTruth(t)) {
                    NamedColour c = NamedColour.ofConcept(o.concept());
                    long[] sum = new long[3];
                    int n = 0;
                    for (int y = 0; y < img.height(); y++) {
                        for (int x = 0; x < img.width(); x++) {
                            if (o.mask().get(y, x)) {
                                sum[0] += img.red(x, y);
                                sum[1] += img.green(x, y);
                                sum[2] += img.blue(x, y);
                                n++;
                            }
                        }
                    }
                    if (n > 50) {
                        assertThat(Math.abs(sum[0] / n - c.red())).isLessThan(50);
                        assertThat(Math.abs(sum[1] / n - c.green())).isLessThan(50);
                        assertThat(Math.abs(sum[2] / n - c.blue())).isLessThan(50);
                    }
                }
            }
        }
    }

    static double meanAbsDiff(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
        }
        return (double) sum / a.rgb().length;
    }
}
