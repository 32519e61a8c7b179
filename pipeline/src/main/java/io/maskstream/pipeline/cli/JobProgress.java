package io.maskstream.pipeline.cli;

import io.maskstream.operators.flink.MaskletTrackingFunction;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A running job's progress as its metrics tell it (operators/.../flink/TrackingMetrics and the
 * Kafka source's standard metrics), summed over subtasks.
 *
 * @param framesIn frames the tracking operator processed
 * @param framesOut masklet frames it released
 * @param streams streams it has seen
 * @param lag frame records waiting in Kafka for the frames source ({@code pendingRecords}), or -1 when
 *     not reported yet
 * @param deadLetters records the tracking operator dead-lettered
 * @param state the job's state (RUNNING, RESTARTING, ...), or null when not known
 * @param restarts how often the job restarted, or -1 when not known
 */
record JobProgress(long framesIn, long framesOut, int streams, long lag, long deadLetters, String state, long restarts) {
    static final JobProgress NONE = new JobProgress(0, 0, 0, -1, 0, null, -1);

    /** This progress, with the job's state and restart count. */
    JobProgress withJob(String jobState, long jobRestarts) {
        return new JobProgress(framesIn, framesOut, streams, lag, deadLetters, jobState, jobRestarts);
    }

    /**
     * Reads the progress from metric ids and their sums.
     *
     * @param trackingIds every metric id of the tracking vertex (per-stream ones included)
     * @param trackingSums sums of the tracking vertex's job-level metrics
     * @param sourceSums sums of the frames source vertex's metrics
     */
    static JobProgress of(Set<String> trackingIds, Map<String, Double> trackingSums, Map<String, Double> sourceSums) {
        long in = 0;
        long out = 0;
        long dead = 0;
        for (Map.Entry<String, Double> e : trackingSums.entrySet()) {
            String id = e.getKey();
            long v = Math.round(e.getValue());
            if (isJobLevel(id, "framesIn")) {
                in += v;
            } else if (isJobLevel(id, "framesOut")) {
                out += v;
            } else if (id.endsWith(".deadLetters") && id.contains(".deadLetterReason.")) {
                dead += v;
            }
        }
        TreeSet<String> streams = new TreeSet<>();
        for (String id : trackingIds) {
            int at = id.indexOf(STREAM);
            if (at >= 0 && id.endsWith(".framesIn")) {
                streams.add(id.substring(at + STREAM.length(), id.length() - ".framesIn".length()));
            }
        }
        long lag = -1;
        for (Map.Entry<String, Double> e : sourceSums.entrySet()) {
            if (e.getKey().endsWith(".pendingRecords") && e.getValue() >= 0) {
                lag = Math.max(lag, 0) + Math.round(e.getValue());
            }
        }
        return new JobProgress(in, out, streams.size(), lag, dead, null, -1);
    }

    /** The exact totals of a finished job, from its accumulators; empty when it has none. */
    static Optional<JobProgress> ofAccumulators(Map<String, Object> accumulators) {
        if (!(accumulators.get(MaskletTrackingFunction.FRAMES_IN_ACCUMULATOR) instanceof Number)) {
            return Optional.empty();
        }
        return Optional.of(new JobProgress(
                count(accumulators, MaskletTrackingFunction.FRAMES_IN_ACCUMULATOR),
                count(accumulators, MaskletTrackingFunction.FRAMES_OUT_ACCUMULATOR),
                (int) count(accumulators, MaskletTrackingFunction.STREAMS_ACCUMULATOR),
                -1,
                count(accumulators, MaskletTrackingFunction.DEAD_LETTERS_ACCUMULATOR), null, -1));
    }

    private static long count(Map<String, Object> accumulators, String name) {
        return accumulators.get(name) instanceof Number n ? n.longValue() : 0;
    }

    /** The tracking vertex's metric ids whose sums {@link #of} needs. */
    static Set<String> jobLevelIds(Set<String> trackingIds) {
        TreeSet<String> wanted = new TreeSet<>();
        for (String id : trackingIds) {
            if (isJobLevel(id, "framesIn") || isJobLevel(id, "framesOut")
                    || (id.endsWith(".deadLetters") && id.contains(".deadLetterReason."))) {
                wanted.add(id);
            }
        }
        return wanted;
    }

    private static final String STREAM = ".stream.";

    private static boolean isJobLevel(String id, String metric) {
        return id.endsWith("." + metric) && !id.contains(STREAM);
    }
}
