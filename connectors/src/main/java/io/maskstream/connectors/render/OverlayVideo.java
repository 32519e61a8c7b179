package io.maskstream.connectors.render;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.state.image.Images;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Renders an overlay video: frame i of the source is drawn with the {@link MaskletFrame} of seq i
 * (a replayed file's frames are numbered from 0 in order, so seq = frame index); frames without
 * masklets get only the frame counter. Optionally writes every N-th overlay frame as a PNG beside
 * the video ({@code <video name>-000120.png}).
 */
public final class OverlayVideo {
    private OverlayVideo() {}

    /** What was rendered. */
    public record Result(int frames, int framesWithMasklets, int stills, String codec) {}

    /**
     * @param fps frame rate of the written video (the source's own when it has one)
     * @param pngEvery write every N-th frame as PNG; 0 for none
     */
    public static Result render(FrameSource source, List<MaskletFrame> masklets, Path out, double fps, int pngEvery)
            throws IOException {
        Map<Long, MaskletFrame> bySeq = new TreeMap<>();
        for (MaskletFrame f : masklets) {
            bySeq.put(f.seq(), f);
        }
        String base = out.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path dir = out.toAbsolutePath().getParent();
        VideoFileWriter writer = null;
        int frames = 0;
        int matched = 0;
        int stills = 0;
        String codec = "none";
        try {
            for (RgbImage img = source.read(); img != null; img = source.read()) {
                MaskletFrame m = bySeq.get((long) frames);
                if (m != null) {
                    matched++;
                } else {
                    m = new MaskletFrame("", frames, 0, 0, img.width(), img.height(), List.of());
                }
                RgbImage overlay = OverlayRenderer.draw(evenSized(img), m);
                if (writer == null) {
                    writer = VideoFileWriter.open(out, overlay.width(), overlay.height(), fps);
                    codec = writer.codecName();
                }
                writer.write(overlay);
                if (pngEvery > 0 && frames % pngEvery == 0) {
                    Files.createDirectories(dir);
                    ImageIO.write(Images.toBufferedImage(overlay), "png",
                            dir.resolve(String.format("%s-%06d.png", base, frames)).toFile());
                    stills++;
                }
                frames++;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return new Result(frames, matched, stills, codec);
    }

    /** Crops an odd last row or column: YUV 4:2:0 video needs even sizes. */
    private static RgbImage evenSized(RgbImage img) {
        int w = img.width() & ~1;
        int h = img.height() & ~1;
        if (w == img.width() && h == img.height()) {
            return img;
        }
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(img.rgb(), y * img.width() * 3, rgb, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, rgb);
    }
}
