package io.maskstream.connectors.replay;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress of replays on the console: on a terminal one redrawn line with a bar per stream (frames,
 * frames per second, Kafka acks); otherwise a plain line per stream every few seconds.
 */
public final class ConsoleProgress implements ReplayProgress {
    private final PrintWriter out;
    private final boolean terminal;
    private final Map<String, Long> expected;
    private final long startNanos = System.nanoTime();
    private final Map<String, long[]> state = new TreeMap<>(); // frames, acked
    private long lastPrintNanos;

    /**
     * @param terminal redraw a bar in place (true when {@code System.console() != null})
     * @param expected frames expected per stream, for the bar (missing or 0: unknown)
     */
    public ConsoleProgress(PrintWriter out, boolean terminal, Map<String, Long> expected) {
        this.out = out;
        this.terminal = terminal;
        this.expected = Map.copyOf(expected);
    }

    @Override
    public synchronized void frameSent(String streamId, long frames, long acked) {
        state.put(streamId, new long[] {frames, acked});
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - lastPrintNanos >= interval) {
            lastPrintNanos = now;
            print(false);
        }
    }

    @Override
    public synchronized void epochStarted(String streamId, int epoch, String reason) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(streamId + ": epoch " + epoch + " (" + reason + ")");
        out.flush();
    }

    @Override
    public synchronized void finished(ReplayResult r) {
        state.put(r.streamId(), new long[] {r.frames(), r.acked()});
        if (terminal) {
            print(false);
            out.println();
        }
        out.printf("%s: done, %d frames + %d markers sent, %d acknowledged%n", r.streamId(), r.frames(), r.markers(),
                r.acked());
        out.flush();
    }

    private void print(boolean newline) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, long[]> e : state.entrySet()) {
            long frames = e.getValue()[0];
            long acked = e.getValue()[1];
            long total = expected.getOrDefault(e.getKey(), 0L);
            if (terminal) {
                line.append(e.getKey()).append(' ').append(bar(frames, total)).append(' ');
            } else {
                line.append(e.getKey()).append(": ");
            }
            line.append(frames).append(total > 0 ? "/" + total : "").append(" frames, ")
                    .append(String.format("%.1f fps, ", frames / seconds)).append(acked).append(" acked");
            if (!terminal) {
                out.println(line);
                out.flush();
                line.setLength(0);
            } else {
                line.append("  ");
            }
        }
        if (terminal) {
            out.print("\r\033[K" + line);
            if (newline) {
                out.println();
            }
            out.flush();
        }
    }

    private static String bar(long frames, long total) {
        int width = 20;
        int filled = total > 0 ? (int) Math.min(width, frames * width / total) : (int) (frames / 10 % (width + 1));
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
