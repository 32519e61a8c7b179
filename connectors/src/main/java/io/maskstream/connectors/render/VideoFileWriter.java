package io.maskstream.connectors.render;

import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes frames to an MP4 file with the FFmpeg that JavaCV bundles.
 *
 * <p>Codec: H.264 through Cisco's {@code libopenh264} encoder, which the bundled (LGPL) FFmpeg build
 * has; if that encoder cannot be opened, MPEG-4 Part 2 ({@code mpeg4}, high quality, qscale 2).
 * The bundled build has no libx264. {@link #codecName()} says which one a file got. Frames are
 * converted to YUV 4:2:0, so width and height must be even.
 */
public final class VideoFileWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoFileWriter.class);

    static {
        // FFmpeg prints the output format and encoder notices at info/warning level: keep errors only.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;
    private final String codecName;
    private long frames;

    private VideoFileWriter(FFmpegFrameRecorder recorder, int width, int height, String codecName) {
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.codecName = codecName;
    }

    /** Opens {@code file} for writing {@code width × height} frames at {@code fps}. */
    public static VideoFileWriter open(Path file, int width, int height, double fps) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("YUV 4:2:0 video needs even sizes, got " + width + "x" + height);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        // Bits per second: generous, because scene textures are noisy and tests compare pixels.
        int bitrate = (int) Math.min(40_000_000L, (long) (width * (long) height * fps * 1.5));
        try {
            FFmpegFrameRecorder h264 = recorder(file, width, height, fps);
            h264.setVideoCodecName("libopenh264");
            h264.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            h264.setVideoBitrate(bitrate);
            h264.start();
            return new VideoFileWriter(h264, width, height, "h264 (libopenh264)");
        } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
            LOG.info("libopenh264 not available ({}); writing MPEG-4 Part 2", e.getMessage());
        }
        try {
            FFmpegFrameRecorder mpeg4 = recorder(file, width, height, fps);
            mpeg4.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            mpeg4.setVideoQuality(2);
            mpeg4.setVideoBitrate(bitrate);
            mpeg4.start();
            return new VideoFileWriter(mpeg4, width, height, "mpeg4");
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot open " + file + " for writing video", e);
        }
    }

    private static FFmpegFrameRecorder recorder(Path file, int width, int height, double fps) {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        r.setFormat("mp4");
        r.setFrameRate(fps);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setGopSize((int) Math.max(1, Math.round(fps)));
        return r;
    }

    /** The encoder in use: {@code "h264 (libopenh264)"} or {@code "mpeg4"}. */
    public String codecName() {
        return codecName;
    }

    public long framesWritten() {
        return frames;
    }

    public void write(RgbImage image) throws IOException {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frame is " + image.width() + "x" + image.height() + ", video is "
                    + width + "x" + height);
        }
        Frame frame = JavaCvFrames.toFrame(image);
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot encode frame " + frames, e);
        } finally {
            frame.close();
        }
        frames++;
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot finish the video file", e);
        }
    }
}
