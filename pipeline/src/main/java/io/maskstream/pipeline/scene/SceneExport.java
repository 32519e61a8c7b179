package io.maskstream.pipeline.scene;

import io.maskstream.kit.reference.NamedColour;
import io.maskstream.kit.reference.scene.SceneGroundTruth;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.render.VideoFileWriter;
import io.maskstream.connectors.results.MotsWriter;
import io.maskstream.connectors.results.YouTubeVisWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a scene to a folder: {@code NAME.mp4} (see {@link VideoFileWriter} for the codec),
 * {@code NAME.mots.txt} (MOTS ground truth, frames from 1), {@code NAME.ytvis.json} (YouTube-VIS
 * ground truth) and {@code seqinfo.ini} (the MOTSChallenge sequence description TrackEval reads).
 */
public final class SceneExport {
    private SceneExport() {}

    /** What was written. */
    public record Written(Path video, Path mots, Path youTubeVis, Path seqInfo, String codec, int frames) {}

    public static Written write(SyntheticScene scene, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = scene.name();
        Path video = dir.resolve(name + ".mp4");
        String codec;
        try (VideoFileWriter writer = VideoFileWriter.open(video, scene.width(), scene.height(), scene.fps())) {
            for (int t = 0; t < scene.frameCount(); t++) {
                writer.write(scene.frame(t));
            }
            codec = writer.codecName();
        }
        List<MaskletFrame> truth = SceneGroundTruth.maskletFrames(scene, name);
        Path mots = dir.resolve(name + ".mots.txt");
        MotsWriter.write(mots, truth);
        Path ytvis = dir.resolve(name + ".ytvis.json");
        YouTubeVisWriter.writeGroundTruth(ytvis, name, 1, scene.width(), scene.height(), scene.frameCount(), truth,
                NamedColour.concepts());
        Path seqInfo = dir.resolve("seqinfo.ini");
        Files.writeString(seqInfo, "[Sequence]\nname=" + name + "\nimDir=img1\nframeRate=" + (int) scene.fps()
                + "\nseqLength=" + scene.frameCount() + "\nimWidth=" + scene.width() + "\nimHeight=" + scene.height()
                + "\nimExt=.jpg\n");
        return new Written(video, mots, ytvis, seqInfo, codec, scene.frameCount());
    }
}
