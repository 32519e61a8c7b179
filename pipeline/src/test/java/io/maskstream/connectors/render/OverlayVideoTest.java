package io.maskstream.connectors.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.pipeline.scene.SceneSource;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.pipeline.scene.SceneExport;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayVideoTest {
    @TempDir
    Path dir;

    @Test
    void aSceneRenderedWithItsGroundTruthGivesOneOverlayFramePerFrameAndStills() throws Exception {
        SyntheticScene scene = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(20));
        Path out = dir.resolve("overlay.mp4");
        OverlayVideo.Result r = OverlayVideo.render(new SceneSource(scene),
                SceneGroundTruth.maskletFrames(scene, "crossing"), out, 30, 10);
        assertThat(r.frames()).isEqualTo(20);
        assertThat(r.framesWithMasklets()).isEqualTo(20);
        assertThat(r.stills()).isEqualTo(2);
        assertThat(dir.resolve("overlay-000000.png")).exists();
        assertThat(dir.resolve("overlay-000010.png")).exists();
        int decoded = 0;
        try (VideoFileSource v = VideoFileSource.file(out.toString())) {
            while (v.read() != null) {
                decoded++;
            }
        }
        assertThat(decoded).isEqualTo(20);
    }

    @Test
    void aSceneExportHasTheVideoAndBothGroundTruthFiles() throws Exception {
        SyntheticScene scene = Scenarios.create("enter-leave", SceneSettings.defaults().withFrameCount(30));
        SceneExport.Written w = SceneExport.write(scene, dir.resolve("gt"));
        assertThat(w.codec()).isEqualTo("h264 (libopenh264)");
        assertThat(Files.size(w.video())).isPositive();
        assertThat(Files.readAllLines(w.mots())).isNotEmpty().allSatisfy(l -> assertThat(l.split(" ")).hasSize(6));
        assertThat(Files.readString(w.youTubeVis())).contains("\"annotations\"");
        assertThat(Files.readString(w.seqInfo())).contains("seqLength=30");
    }
}
