package io.maskstream.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's checkpoints from Flink's REST API ({@code /jobs/:id/checkpoints} and, for the tracking vertex, each
 * checkpoint's subtask details), moved from epoch milliseconds onto the {@link System#nanoTime()} axis.
 */
final class CheckpointHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CheckpointHistory() {}

    static List<LatencyRun.Checkpoint> read(URI rest, String jobId) throws IOException, InterruptedException {
        long nanosMinusEpochNanos = System.nanoTime() - System.currentTimeMillis() * 1_000_000L;
        String job = rest.toString().replaceAll("/+$", "") + "/jobs/" + jobId;
        String tracking = null;
        for (JsonNode v : get(job).path("vertices")) {
            if (v.path("name").asText().contains("masklet-tracking")) {
                tracking = v.path("id").asText();
            }
        }
        List<LatencyRun.Checkpoint> out = new ArrayList<>();
        for (JsonNode c : get(job + "/checkpoints").path("history")) {
            if (c.path("is_savepoint").asBoolean(false)) {
                continue;
            }
            long id = c.path("id").asLong();
            long trigger = c.path("trigger_timestamp").asLong();
            boolean completed = c.path("status").asText().equals("COMPLETED");
            long end = trigger + c.path("end_to_end_duration").asLong();
            double startDelay = 0, sync = 0, alignment = 0;
            if (tracking != null) {
                for (JsonNode s : get(job + "/checkpoints/details/" + id + "/subtasks/" + tracking).path("subtasks")) {
                    startDelay = Math.max(startDelay, s.path("start_delay").asDouble());
                    sync = Math.max(sync, s.path("checkpoint").path("sync").asDouble());
                    alignment = Math.max(alignment, s.path("alignment").path("duration").asDouble());
                }
            }
            out.add(new LatencyRun.Checkpoint(id, trigger * 1_000_000L + nanosMinusEpochNanos,
                    end * 1_000_000L + nanosMinusEpochNanos, completed, startDelay, sync, alignment));
        }
        out.sort(java.util.Comparator.comparingLong(LatencyRun.Checkpoint::triggerNanos));
        return out;
    }

    private static JsonNode get(String uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("GET " + uri + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
