package io.maskstream.pipeline.bench;

import io.maskstream.connectors.kafka.DeliveryMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One paced run of the job in one delivery mode: for every frame, when it was captured (sent) and when its
 * masklet frame was emitted by the tracking operator, seen by a {@code read_uncommitted} reader and seen by a
 * {@code read_committed} reader, all on the {@link System#nanoTime()} axis; with the checkpoints and the GC
 * pauses of the job's and the broker's JVMs over the same time.
 *
 * <p>Frame t's output is released when frame t + T is processed (T = the confirmation delay), so each latency is
 * taken from the capture of frame t + T: the latency a consumer sees minus the delay the SAM 3 rules add on
 * purpose (T frames at the camera's rate).
 */
record LatencyRun(DeliveryMode mode, double pacedFps, int confirmationDelay, int skip, long[][] sent,
                  long[][] emitted, long[][] uncommitted, long[][] committed, List<Checkpoint> checkpoints,
                  List<GcPauses.Pause> jobGc, List<GcPauses.Pause> brokerGc, String pinning) {

    /** The stages a frame's output passes, in order. */
    enum Stage {
        EMITTED("emitted by the operator"),
        UNCOMMITTED("visible to read_uncommitted"),
        COMMITTED("visible to read_committed");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /**
     * One checkpoint of the job as its REST API reports it, on the nanoTime axis. The tracking task's synchronous
     * part begins when the barrier reaches it ({@code trigger + startDelay}) and takes {@code syncMillis}; the
     * Kafka transactions are committed when it completes.
     */
    record Checkpoint(long id, long triggerNanos, long completeNanos, boolean completed, double startDelayMillis,
                      double syncMillis, double alignmentMillis) {
        long syncStartNanos() {
            return triggerNanos + (long) (startDelayMillis * 1e6);
        }

        long syncEndNanos() {
            return syncStartNanos() + (long) (syncMillis * 1e6);
        }
    }

    /** p50 / p90 / p99 / max of one stage, in ms, over {@code samples} frames. */
    record Distribution(double p50, double p90, double p99, double max, int samples) {
        static Distribution of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return new Distribution(percentile(v, 0.50), percentile(v, 0.90), percentile(v, 0.99),
                    v.length == 0 ? Double.NaN : v[v.length - 1], v.length);
        }
    }

    /** The capture of the first timed frame's release frame: the zero of the plot's time axis. */
    long startNanos() {
        long first = Long.MAX_VALUE;
        for (long[] s : sent) {
            if (skip + confirmationDelay < s.length && s[skip + confirmationDelay] != 0) {
                first = Math.min(first, s[skip + confirmationDelay]);
            }
        }
        return first;
    }

    /** When frame f of stream s was captured by the clock the latency counts from: frame f + T's send. */
    long releaseCaptureNanos(int s, int f) {
        return sent[s][f + confirmationDelay];
    }

    /** The frames timed: past the warm-up, released by a later frame, and seen at {@code stage}. */
    List<int[]> frames(Stage stage) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < sent.length; s++) {
            for (int f = skip; f + confirmationDelay < sent[s].length; f++) {
                if (at(stage)[s][f] != 0) {
                    out.add(new int[] {s, f});
                }
            }
        }
        return out;
    }

    long[][] at(Stage stage) {
        return switch (stage) {
            case EMITTED -> emitted;
            case UNCOMMITTED -> uncommitted;
            case COMMITTED -> committed;
        };
    }

    /** Latency minus the confirmation delay of frame f of stream s at {@code stage}, in ms. */
    double millis(Stage stage, int s, int f) {
        return (at(stage)[s][f] - releaseCaptureNanos(s, f)) / 1e6;
    }

    Distribution distribution(Stage stage) {
        return Distribution.of(frames(stage).stream().mapToDouble(sf -> millis(stage, sf[0], sf[1])).toArray());
    }

    /** The delay the rules add on purpose, in ms at the paced rate: T frames. */
    double confirmationDelayMillis() {
        return confirmationDelay * 1000.0 / (pacedFps / sent.length);
    }

    /**
     * What the slowest frames at {@code stage} (those at or above its p99) overlapped between their release
     * frame's capture and their arrival: a GC pause of the job's JVM, a checkpoint's synchronous part on the
     * tracking task, a commit (checkpoint completion), a GC pause of the broker; and how many were in the first
     * ten seconds.
     */
    String tail(Stage stage) {
        Distribution d = distribution(stage);
        List<int[]> slow = frames(stage).stream().filter(sf -> millis(stage, sf[0], sf[1]) >= d.p99())
                .sorted(Comparator.comparingDouble(sf -> -millis(stage, sf[0], sf[1]))).toList();
        int gc = 0, sync = 0, commit = 0, brokerGcs = 0, early = 0;
        long start = startNanos();
        for (int[] sf : slow) {
            long from = releaseCaptureNanos(sf[0], sf[1]);
            long to = at(stage)[sf[0]][sf[1]];
            if (jobGc.stream().anyMatch(p -> overlaps(p.startNanos(), p.startNanos() + p.durationNanos(), from, to))) {
                gc++;
            }
            if (brokerGc.stream().anyMatch(p -> overlaps(p.startNanos(), p.startNanos() + p.durationNanos(), from, to))) {
                brokerGcs++;
            }
            if (checkpoints.stream().anyMatch(c -> overlaps(c.syncStartNanos(), c.syncEndNanos(), from, to))) {
                sync++;
            }
            if (checkpoints.stream().anyMatch(c -> c.completed() && c.completeNanos() >= from && c.completeNanos() <= to)) {
                commit++;
            }
            if (from - start < 10_000_000_000L) {
                early++;
            }
        }
        return String.format(Locale.ROOT, "%d frames >= p99 (%.0f ms): %d overlap a job GC pause, %d a checkpoint's "
                        + "synchronous part on the tracking task, %d a commit, %d a broker GC pause; %d in the first 10 s",
                slow.size(), d.p99(), gc, sync, commit, brokerGcs, early);
    }

    private static boolean overlaps(long a0, long a1, long b0, long b1) {
        return a0 <= b1 && b0 <= a1;
    }

    void print(PrintStream log) {
        log.printf(Locale.ROOT, "latency %s, paced at %.2f frames/s, %s; ms from the capture of the frame that "
                        + "releases each output (the confirmation delay of %d frames, %.0f ms at this rate, comes on "
                        + "top):%n", mode, pacedFps, pinning, confirmationDelay, confirmationDelayMillis());
        log.printf(Locale.ROOT, "        %-30s %7s %7s %7s %7s %7s%n", "stage", "p50", "p90", "p99", "max", "frames");
        for (Stage stage : Stage.values()) {
            Distribution d = distribution(stage);
            log.printf(Locale.ROOT, "        %-30s %7.0f %7.0f %7.0f %7.0f %7d%n", stage.label, d.p50(), d.p90(),
                    d.p99(), d.max(), d.samples());
        }
        double[] durations = checkpoints.stream().filter(Checkpoint::completed)
                .mapToDouble(c -> (c.completeNanos() - c.triggerNanos()) / 1e6).toArray();
        Distribution cp = Distribution.of(durations);
        Distribution syncs = Distribution.of(checkpoints.stream().mapToDouble(Checkpoint::syncMillis).toArray());
        Distribution delays = Distribution.of(checkpoints.stream().mapToDouble(Checkpoint::startDelayMillis).toArray());
        log.printf(Locale.ROOT, "        checkpoints: %d, duration p50 %.0f / max %.0f ms; on the tracking task: "
                        + "barrier delay p50 %.0f / max %.0f ms, synchronous part p50 %.0f / max %.0f ms%n",
                checkpoints.size(), cp.p50(), cp.max(), delays.p50(), delays.max(), syncs.p50(), syncs.max());
        log.printf(Locale.ROOT, "        GC pauses: job JVM %d (%.0f ms in all, longest %.0f ms), broker JVM %d (longest "
                        + "%.0f ms)%n", jobGc.size(), jobGc.stream().mapToLong(GcPauses.Pause::durationNanos).sum() / 1e6,
                jobGc.stream().mapToLong(GcPauses.Pause::durationNanos).max().orElse(0) / 1e6, brokerGc.size(),
                brokerGc.stream().mapToLong(GcPauses.Pause::durationNanos).max().orElse(0) / 1e6);
        for (Stage stage : Stage.values()) {
            log.printf(Locale.ROOT, "        tail, %s: %s%n", stage.label, tail(stage));
        }
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
