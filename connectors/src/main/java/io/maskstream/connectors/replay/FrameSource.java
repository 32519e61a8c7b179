package io.maskstream.connectors.replay;

import io.maskstream.state.image.RgbImage;
import java.io.IOException;

/**
 * Where replayed frames come from: a video file, a network stream, a webcam, a folder of images or
 * a synthetic scene. Not thread-safe: one replayer reads one source.
 */
public interface FrameSource extends AutoCloseable {
    /** What this source reads, for logs and progress lines. */
    String description();

    /** The source's own frame rate, or {@code NaN} when it has none (an image folder). */
    double fps();

    /**
     * Whether this is a live source (network stream, webcam): a read error or stall is then a reason
     * to reconnect, and the frames after a reconnect start a new stream epoch.
     */
    boolean live();

    /** How many frames the source expects to give (for progress bars); 0 when unknown or endless. */
    default long frameCountHint() {
        return 0;
    }

    /** The next frame, or {@code null} at the end of the source. */
    RgbImage read() throws IOException;

    /** Opens the source again from its start (a live source: reconnects). */
    void reopen() throws IOException;

    @Override
    void close();
}
