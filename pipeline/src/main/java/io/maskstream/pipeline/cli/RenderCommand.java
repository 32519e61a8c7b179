package io.maskstream.pipeline.cli;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.render.OverlayVideo;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.connectors.results.MaskletFiles;
import io.maskstream.connectors.results.MaskletsJsonLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream render}: draws masklets over a video. */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = {
            "Draws masklets over a video.",
            "Each masklet's mask (colour fixed by its id), box, id and concept, and a frame counter;",
            "frame i gets the masklets of seq i."
        })
public class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--video", required = true, description = "The video: a file, an image folder or scene:NAME.")
    String video;

    @Option(names = "--masklets", required = true,
            description = "JSON lines of masklet frames: a file, or the job's job.output-file directory (with --stream-id).")
    Path masklets;

    @Option(names = "--stream-id", paramLabel = "ID",
            description = "The stream to draw from a job.output-file directory (its finished files, in seq order).")
    String streamId;

    @Option(names = "--out", required = true, description = "The overlay video to write (MP4).")
    Path out;

    @Option(names = "--png-every", defaultValue = "0", description = "Also write every N-th frame as PNG (0: none).")
    int pngEvery;

    @Option(names = "--fps", description = "Frame rate of the overlay; default: the video's own (30 if none).")
    Double fps;

    public RenderCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        List<MaskletFrame> frames = readMasklets(masklets, streamId);
        try (FrameSource source = FrameSources.open(video)) {
            double rate = fps != null ? fps : Double.isNaN(source.fps()) ? 30.0 : source.fps();
            OverlayVideo.Result r = OverlayVideo.render(source, frames, out, rate, pngEvery);
            o.printf("%s: %d frames (%d with masklets), %d stills, codec %s%n", out, r.frames(),
                    r.framesWithMasklets(), r.stills(), r.codec());
        }
        o.flush();
        return 0;
    }

    /** A file's frames (of one stream if given), or one stream's frames from a sink directory. */
    static List<MaskletFrame> readMasklets(Path masklets, String streamId) throws IOException {
        if (Files.isDirectory(masklets)) {
            if (streamId == null) {
                throw new IllegalArgumentException(masklets + " is a directory of masklets files; choose a stream "
                        + "with --stream-id (streams there: " + MaskletFiles.streamDirectories(masklets) + ")");
            }
            return MaskletFiles.readStream(masklets, streamId);
        }
        List<MaskletFrame> frames = MaskletsJsonLines.read(masklets);
        return streamId == null ? frames : frames.stream().filter(f -> f.streamId().equals(streamId)).toList();
    }
}
