package io.maskstream.pipeline.cli;

import io.maskstream.connectors.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The lines {@code maskstream run} prints: when the job runs, every status interval, and at the end. */
final class RunStatusLines {
    private RunStatusLines() {}

    /**
     * @param webUi the cluster's REST API and web UI, or null when unknown
     * @param models what runs the models, from {@link #models}
     */
    static String started(String jobId, URI webUi, KafkaSettings kafka, String models, List<String> concepts) {
        return "job " + jobId + " running"
                + " | web UI " + (webUi == null ? "(the cluster's)" : webUi.toString())
                + " | Kafka " + kafka.bootstrapServers() + ": " + kafka.framesTopic() + " + " + kafka.promptsTopic()
                + " -> " + kafka.maskletsTopic() + ", dead letters -> " + kafka.deadLettersTopic()
                + " | models " + models
                + " | concepts " + (concepts.isEmpty() ? "none (send prompts)" : String.join(", ", concepts));
    }

    /** The models the job runs: a kit other than the manifest kit, else the model directory. */
    static String models(org.apache.flink.configuration.ReadableConfig config) {
        String kit = config.get(io.maskstream.operators.inference.InferenceOptions.MODEL_KIT);
        if (!kit.equals(io.maskstream.operators.inference.ModelKits.MANIFEST)) {
            return "kit " + kit;
        }
        return config.getOptional(io.maskstream.operators.inference.InferenceOptions.MODEL_DIR).orElse("none");
    }

    /** One status line; the rate is of frames out since the previous line. */
    static String status(Duration elapsed, JobProgress now, JobProgress previous, Duration sincePrevious) {
        double seconds = sincePrevious.toMillis() / 1000.0;
        double rate = seconds <= 0 ? 0 : Math.max(0, now.framesOut() - previous.framesOut()) / seconds;
        String job = now.state() == null || now.state().equals("RUNNING") ? "" : " " + now.state();
        return "status " + duration(elapsed) + job
                + " | frames in " + now.framesIn() + ", out " + now.framesOut()
                + String.format(Locale.ROOT, " (%.1f/s)", rate)
                + " | " + streams(now.streams())
                + " | lag " + (now.lag() < 0 ? "-" : Long.toString(now.lag()))
                + " | " + deadLetters(now.deadLetters())
                + restarts(now.restarts());
    }

    /** The last line: how the job ended and what it did. */
    static String summary(String jobId, String state, Duration elapsed, JobProgress last) {
        return "job " + jobId + " " + state + " after " + duration(elapsed)
                + " | frames in " + last.framesIn() + ", out " + last.framesOut()
                + " | " + streams(last.streams())
                + " | " + deadLetters(last.deadLetters())
                + restarts(last.restarts());
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String streams(int n) {
        return n + (n == 1 ? " stream" : " streams");
    }

    private static String restarts(long n) {
        return n <= 0 ? "" : " | " + n + (n == 1 ? " restart" : " restarts");
    }

    private static String deadLetters(long n) {
        return n + (n == 1 ? " dead letter" : " dead letters");
    }
}
