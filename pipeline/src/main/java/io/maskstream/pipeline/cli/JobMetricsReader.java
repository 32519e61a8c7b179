package io.maskstream.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a job's {@link JobProgress} from Flink's REST API, which a MiniCluster and a session
 * cluster both serve: the tracking vertex's and the frames source's metrics, summed over subtasks.
 */
final class JobMetricsReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI jobUri;

    JobMetricsReader(URI restAddress, String jobId) {
        String base = restAddress.toString().replaceAll("/+$", "");
        this.jobUri = URI.create(base + "/jobs/" + jobId);
    }

    /** The progress now, or empty while the job has no tasks yet or the REST API does not answer. */
    Optional<JobProgress> read() {
        try {
            JsonNode job = get(jobUri);
            String tracking = null;
            String source = null;
            for (JsonNode v : job.path("vertices")) {
                String name = v.path("name").asText();
                if (name.contains("masklet-tracking")) {
                    tracking = v.path("id").asText();
                } else if (name.startsWith("Source: frames")) {
                    source = v.path("id").asText();
                }
            }
            if (tracking == null) {
                return Optional.empty();
            }
            Set<String> trackingIds = ids(tracking);
            Map<String, Double> trackingSums = sums(tracking, JobProgress.jobLevelIds(trackingIds));
            Map<String, Double> sourceSums = Map.of();
            if (source != null) {
                Set<String> lagIds = new TreeSet<>();
                ids(source).stream().filter(id -> id.endsWith(".pendingRecords")).forEach(lagIds::add);
                sourceSums = sums(source, lagIds);
            }
            long restarts = -1;
            for (JsonNode m : get(URI.create(jobUri + "/metrics?get=numRestarts"))) {
                restarts = m.path("value").asLong(-1);
            }
            return Optional.of(JobProgress.of(trackingIds, trackingSums, sourceSums)
                    .withJob(job.path("state").asText(null), restarts));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Set<String> ids(String vertex) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        get(URI.create(jobUri + "/vertices/" + vertex + "/subtasks/metrics")).forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private Map<String, Double> sums(String vertex, Set<String> ids) throws IOException, InterruptedException {
        Map<String, Double> sums = new TreeMap<>();
        if (ids.isEmpty()) {
            return sums;
        }
        String get = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
        for (JsonNode m : get(URI.create(jobUri + "/vertices/" + vertex + "/subtasks/metrics?agg=sum&get=" + get))) {
            if (m.has("sum")) {
                sums.put(m.path("id").asText(), m.path("sum").asDouble());
            }
        }
        return sums;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(uri + ": HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
