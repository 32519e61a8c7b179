package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.results.MaskletsJsonLines;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.state.record.MaskletFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {
    @TempDir
    Path dir;

    @Test
    void rendersAnOverlayOfAVideoFileWithItsMaskletsAndStills() throws Exception {
        new CommandLine(new SceneCommand()).execute("--scenario", "crossing", "--frames", "12", "--out",
                dir.toString());
        Path masklets = dir.resolve("masklets.jsonl");
        MaskletsJsonLines.write(masklets, SceneGroundTruth.maskletFrames(
                Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(12)), "crossing"));
        StringWriter out = new StringWriter();
        int code = new CommandLine(new RenderCommand()).setOut(new PrintWriter(out)).execute(
                "--video", dir.resolve("crossing.mp4").toString(), "--masklets", masklets.toString(),
                "--out", dir.resolve("overlay.mp4").toString(), "--png-every", "5");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("12 frames (12 with masklets), 3 stills");
        assertThat(dir.resolve("overlay.mp4")).exists();
        assertThat(dir.resolve("overlay-000010.png")).exists();
    }

    @Test
    void rendersOneStreamFromTheJobsOutputDirectory() throws Exception {
        new CommandLine(new SceneCommand()).execute("--scenario", "crossing", "--frames", "12", "--out",
                dir.toString());
        List<MaskletFrame> frames = SceneGroundTruth.maskletFrames(
                Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(12)), "cam-1");
        // The file sink's layout: DIR/<stream>/masklets-*.jsonl, two finished parts, one hidden in progress.
        Path stream = Files.createDirectories(dir.resolve("out/cam-1"));
        MaskletsJsonLines.write(stream.resolve("masklets-w1-1.jsonl"), frames.subList(6, 12));
        MaskletsJsonLines.write(stream.resolve("masklets-w1-0.jsonl"), frames.subList(0, 6));
        MaskletsJsonLines.write(stream.resolve(".masklets-w1-2.jsonl.inprogress.0a"), frames.subList(0, 1));
        MaskletsJsonLines.write(Files.createDirectories(dir.resolve("out/cam-2")).resolve("masklets-w2-0.jsonl"),
                SceneGroundTruth.maskletFrames(
                        Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(12)), "cam-2"));
        StringWriter out = new StringWriter();
        int code = new CommandLine(new RenderCommand()).setOut(new PrintWriter(out)).execute(
                "--video", dir.resolve("crossing.mp4").toString(), "--masklets", dir.resolve("out").toString(),
                "--stream-id", "cam-1", "--out", dir.resolve("overlay.mp4").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("12 frames (12 with masklets)");
        assertThat(RenderCommand.readMasklets(dir.resolve("out"), "cam-1")).containsExactlyElementsOf(frames);
    }
}
