package io.maskstream.connectors.replay;

import io.maskstream.state.image.Images;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one {@link FrameSource} as one stream of {@link FrameRecord}s: JPEG frames with seq from
 * 0 and capture time, paced as {@link ReplaySettings#pacing()} says.
 *
 * <p>Markers take a seq of their own, so a stream's seqs stay unique and gap-free:
 * <ul>
 *   <li>{@code STREAM_EPOCH} (epoch + 1) when a live source is reconnected after a read error or a
 *       stall (end of data), when the resolution changes, and when a looped file starts again;
 *   <li>{@code END_OF_STREAM} after the last frame (seq = last frame's seq + 1 if no marker came in
 *       between), at the end of a file, at {@code maxFrames}, on {@link #stop()} or when a live source
 *       cannot be reconnected.
 * </ul>
 */
public final class FrameReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(FrameReplayer.class);

    private final FrameSource source;
    private final FrameSink sink;
    private final ReplaySettings settings;
    private final ReplayProgress progress;
    private final LongSupplier clock;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private long seq;
    private int epoch;
    private long frames;
    private long markers;
    private int lastWidth = -1;
    private int lastHeight = -1;
    private long paceStartNanos;
    private long pacedFrames;

    public FrameReplayer(FrameSource source, FrameSink sink, ReplaySettings settings, ReplayProgress progress) {
        this(source, sink, settings, progress, System::currentTimeMillis);
    }

    /** With a clock for capture times (epoch ms). */
    public FrameReplayer(FrameSource source, FrameSink sink, ReplaySettings settings, ReplayProgress progress,
            LongSupplier clock) {
        this.source = source;
        this.sink = sink;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    public ReplaySettings settings() {
        return settings;
    }

    /** Ends the replay after the current frame (with an end-of-stream marker). Thread-safe. */
    public void stop() {
        stopped.set(true);
    }

    /** Replays until the source ends, {@code maxFrames} or {@link #stop()}; then flushes the sink. */
    public ReplayResult run() throws IOException {
        double fps = settings.pacing().effectiveFps(source.fps());
        long framesThisPass = 0;
        resetPacing();
        while (!stopped.get() && (settings.maxFrames() == 0 || frames < settings.maxFrames())) {
            RgbImage image;
            try {
                image = source.read();
            } catch (IOException | RuntimeException e) {
                if (!source.live()) {
                    throw e instanceof IOException io ? io : new IOException(e);
                }
                LOG.warn("{}: read failed ({}); reconnecting", source.description(), e.getMessage());
                if (!reconnect()) {
                    break;
                }
                continue;
            }
            if (image == null) {
                if (source.live()) {
                    LOG.warn("{}: stream stalled or ended; reconnecting", source.description());
                    if (!reconnect()) {
                        break;
                    }
                    continue;
                }
                if (settings.loop() && framesThisPass > 0) {
                    source.reopen();
                    framesThisPass = 0;
                    newEpoch("loop");
                    continue;
                }
                break;
            }
            if (lastWidth >= 0 && (image.width() != lastWidth || image.height() != lastHeight)) {
                newEpoch("resolution " + lastWidth + "x" + lastHeight + " -> " + image.width() + "x" + image.height());
            }
            lastWidth = image.width();
            lastHeight = image.height();
            pace(fps);
            long captureTime = clock.getAsLong();
            byte[] jpeg = Images.encodeJpeg(image, settings.jpegQuality());
            sink.send(FrameRecord.frame(settings.streamId(), seq++, epoch, captureTime, image.width(), image.height(),
                    FrameEncoding.JPEG, jpeg));
            frames++;
            framesThisPass++;
            progress.frameSent(settings.streamId(), frames, sink.acked());
        }
        sink.send(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, settings.streamId(), seq++, epoch,
                clock.getAsLong()));
        markers++;
        sink.flush();
        ReplayResult result = new ReplayResult(settings.streamId(), frames, markers, sink.acked());
        progress.finished(result);
        return result;
    }

    private void newEpoch(String reason) {
        epoch++;
        sink.send(FrameRecord.marker(FrameRecordKind.STREAM_EPOCH, settings.streamId(), seq++, epoch,
                clock.getAsLong()));
        markers++;
        lastWidth = -1;
        lastHeight = -1;
        resetPacing();
        LOG.info("{}: epoch {} ({})", settings.streamId(), epoch, reason);
        progress.epochStarted(settings.streamId(), epoch, reason);
    }

    /** Reopens a live source with exponential backoff; false when it gave up or was stopped. */
    private boolean reconnect() {
        Duration backoff = settings.reconnectBackoff();
        int attempts = 0;
        while (!stopped.get()) {
            sleep(backoff.toMillis());
            attempts++;
            try {
                source.reopen();
                newEpoch("reconnected after " + attempts + " attempt(s)");
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: reconnect attempt {} failed: {}", source.description(), attempts, e.getMessage());
                if (settings.maxReconnects() > 0 && attempts >= settings.maxReconnects()) {
                    LOG.error("{}: giving up after {} reconnect attempts", source.description(), attempts);
                    return false;
                }
                long doubled = Math.min(settings.maxBackoff().toMillis(), backoff.toMillis() * 2);
                backoff = Duration.ofMillis(Math.max(1, doubled));
            }
        }
        return false;
    }

    private void resetPacing() {
        paceStartNanos = System.nanoTime();
        pacedFrames = 0;
    }

    private void pace(double fps) {
        if (fps > 0) {
            long due = paceStartNanos + (long) (pacedFrames * 1e9 / fps);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else if (wait < -1_000_000_000L) {
                resetPacing(); // more than a second behind: do not race to catch up
            }
        }
        pacedFrames++;
    }

    private static void sleep(long millis) {
        sleep(millis, 0);
    }

    private static void sleep(long millis, int nanos) {
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
