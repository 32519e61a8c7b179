package io.maskstream.connectors.replay;

import io.maskstream.connectors.render.JavaCvFrames;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Frames decoded by JavaCV's {@link FFmpegFrameGrabber}: a video file, a network URL ({@code rtsp://},
 * {@code http://} ...) or a webcam ({@code webcam:N}, read through Video4Linux2 as {@code /dev/videoN}).
 */
public final class VideoFileSource implements FrameSource {
    /** Network reads that block longer than this fail, so a stalled camera is noticed (microseconds). */
    private static final String READ_TIMEOUT_MICROS = "5000000";

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final String address;
    private final boolean live;
    private final boolean webcam;
    private FFmpegFrameGrabber grabber;
    private double fps = Double.NaN;

    private VideoFileSource(String address, boolean live, boolean webcam) throws IOException {
        this.address = address;
        this.live = live;
        this.webcam = webcam;
        open();
    }

    /** A video file. */
    public static VideoFileSource file(String path) throws IOException {
        return new VideoFileSource(path, false, false);
    }

    /** A network stream, read as a live source. */
    public static VideoFileSource url(String url) throws IOException {
        return new VideoFileSource(url, true, false);
    }

    /** Webcam number {@code index} ({@code /dev/video<index>}). */
    public static VideoFileSource webcam(int index) throws IOException {
        return new VideoFileSource("/dev/video" + index, true, true);
    }

    private void open() throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(address);
        if (webcam) {
            g.setFormat("video4linux2");
        }
        if (live && !webcam) {
            g.setOption("rw_timeout", READ_TIMEOUT_MICROS);
            g.setOption("timeout", READ_TIMEOUT_MICROS);
            if (address.startsWith("rtsp:")) {
                g.setOption("rtsp_transport", "tcp");
            }
        }
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            if (!live) {
                // FFmpeg's own words ("avformat_open_input() error ... Has setFormat() been called?") talk
                // to a programmer; the user gave a file that FFmpeg finds no video container in.
                throw new IOException(address + " is not a video the decoder can read (FFmpeg recognises no "
                        + "video container in it; give a video file such as MP4, AVI, MKV or MOV, a folder of "
                        + "images, or scene:NAME)", e);
            }
            throw new IOException("cannot open " + address + ": " + e.getMessage(), e);
        }
        grabber = g;
        double rate = g.getFrameRate();
        fps = rate > 0 && rate < 1000 ? rate : Double.NaN;
    }

    @Override
    public String description() {
        return address;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public boolean live() {
        return live;
    }

    /** The frame count the container declares (may be an estimate); 0 for live or unknown. */
    @Override
    public long frameCountHint() {
        return grabber == null || live ? 0 : Math.max(0, grabber.getLengthInVideoFrames());
    }

    @Override
    public RgbImage read() throws IOException {
        if (grabber == null) {
            throw new IOException(address + " is not open");
        }
        try {
            Frame frame = grabber.grabImage();
            return frame == null ? null : JavaCvFrames.toRgbImage(frame);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read from " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void reopen() throws IOException {
        close();
        open();
    }

    @Override
    public void close() {
        if (grabber != null) {
            closeQuietly(grabber);
            grabber = null;
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.stop();
            g.release();
        } catch (FrameGrabber.Exception ignored) {
            // nothing left to do with a grabber that cannot stop
        }
    }
}
