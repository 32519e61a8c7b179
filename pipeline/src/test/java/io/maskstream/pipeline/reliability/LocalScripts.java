package io.maskstream.pipeline.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real local cluster of {@code deploy/local} driven from a test: {@code kafka.sh} (a Kafka
 * broker JVM) and {@code cluster.sh} (Flink JobManager + TaskManager JVMs), with a private run
 * directory and free ports so that a test never meets a cluster someone else started; and the jobs
 * on that session cluster: submit the shaded jar, follow the job through the REST API, stop it with
 * a savepoint, find the TaskManagers that run its tasks.
 */
final class LocalScripts {
    final Path repoRoot;
    final Path runDir;
    final int kafkaPort;
    final int restPort;
    private final Map<String, String> env = new TreeMap<>();

    LocalScripts(Path runDir) throws IOException {
        this.repoRoot = findRepoRoot();
        this.runDir = runDir;
        this.kafkaPort = freePort();
        this.restPort = freePort();
        env.put("MASKSTREAM_RUN_DIR", runDir.toString());
        env.put("KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
        env.put("FLINK_REST_PORT", String.valueOf(restPort));
        env.put("FLINK_RPC_PORT", String.valueOf(freePort()));
    }

    /** Walks up from the working directory to the folder that holds deploy/local/cluster.sh. */
    static Path findRepoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("deploy/local/cluster.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("deploy/local/cluster.sh not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String restBase() {
        return "http://127.0.0.1:" + restPort;
    }

    String kafka(String... args) {
        return run("kafka.sh", args);
    }

    String cluster(String... args) {
        return run("cluster.sh", args);
    }

    /** Runs a deploy/local script, returns its stdout+stderr, fails on a non-zero exit. */
    String run(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(repoRoot.resolve("deploy/local").resolve(script).toString());
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repoRoot.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " " + String.join(" ", args) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script + " " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * For a test class's {@code @BeforeAll}: starts the broker and the session cluster under
     * {@code runDir} (stopping both if either fails to start); skips the class when the job jar is missing.
     */
    static LocalScripts startBrokerAndCluster(Path runDir) throws IOException {
        LocalScripts scripts = new LocalScripts(runDir);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(scripts.jobJar()),
                "pipeline/target/maskstream.jar is missing: run `mvn package` (or mvn verify) first");
        try {
            scripts.kafka("start");
            scripts.cluster("start");
        } catch (RuntimeException e) {
            scripts.stopAll();
            throw e;
        }
        return scripts;
    }

    /** For {@code @AfterAll}: stops what {@code scripts} started, if anything. */
    static void stopAll(LocalScripts scripts) {
        if (scripts != null) {
            scripts.stopAll();
        }
    }

    /** Stops whatever of the cluster and broker runs; never throws (for finally / @AfterAll). */
    void stopAll() {
        for (String[] c : List.of(new String[] {"cluster.sh", "stop"}, new String[] {"kafka.sh", "stop"})) {
            try {
                run(c[0], c[1]);
            } catch (RuntimeException e) {
                System.err.println("stopping: " + e.getMessage());
            }
        }
    }

    // --- jobs on the session cluster ---------------------------------------------------------

    Path jobJar() {
        return repoRoot.resolve("pipeline/target/maskstream.jar");
    }

    /**
     * Submits the shaded jar detached with Flink's CLI ({@code maskstream run --config jobYaml}),
     * resuming from {@code savepoint} when it is not null; returns the job id.
     */
    String submit(Path jobYaml, String savepoint) {
        List<String> args = new ArrayList<>(List.of("flink", "run", "--detached"));
        if (savepoint != null) {
            args.addAll(List.of("--fromSavepoint", savepoint));
        }
        args.addAll(List.of(jobJar().toString(), "run", "--config", jobYaml.toString()));
        String submitted = cluster(args.toArray(String[]::new));
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted);
        if (!m.find()) {
            throw new IllegalStateException("no job id in the output of flink run:\n" + submitted);
        }
        return m.group(1);
    }

    JsonNode rest(String path) {
        return FaultTestSupport.rest(restBase(), path);
    }

    String jobState(String jobId) {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    JsonNode checkpoints(String jobId) {
        return rest("/jobs/" + jobId + "/checkpoints");
    }

    /** The job's {@code numRestarts} metric (restarts since it was submitted). */
    long numRestarts(String jobId) {
        JsonNode metrics = rest("/jobs/" + jobId + "/metrics?get=numRestarts");
        return metrics.isArray() && !metrics.isEmpty() ? metrics.get(0).path("value").asLong() : 0;
    }

    static boolean isTerminal(String state) {
        return List.of("FINISHED", "FAILED", "CANCELED").contains(state);
    }

    /** Waits until the job is RUNNING and has completed a checkpoint (or has ended). */
    void awaitRunningWithCheckpoint(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String s = jobState(jobId);
            if (isTerminal(s) || (s.equals("RUNNING") && checkpoints(jobId).path("counts").path("completed").asLong() > 0)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not complete a checkpoint in " + timeout);
    }

    /** Waits for a terminal state; returns the state at the end (not terminal when timed out). */
    String awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String s = jobState(jobId);
            if (isTerminal(s)) {
                return s;
            }
            Thread.sleep(1_000);
        }
        return jobState(jobId);
    }

    /**
     * The TaskManagers (their numbers N, registered as {@code tm-N} by cluster.sh) on which a task of
     * the job is RUNNING now, from {@code GET /jobs/<id>/vertices/<vid>/taskmanagers} of every vertex.
     */
    List<Integer> taskManagersRunningTasks(String jobId) {
        TreeSet<Integer> running = new TreeSet<>();
        for (JsonNode vertex : rest("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : rest("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (tm.path("status-counts").path("RUNNING").asInt() > 0 && id.matches("tm-\\d+")) {
                    running.add(Integer.parseInt(id.substring(3)));
                }
            }
        }
        return new ArrayList<>(running);
    }

    /**
     * Stops the job with a savepoint into {@code directory} ({@code POST /jobs/<id>/stop}, no drain)
     * and returns the savepoint's location once the job has FINISHED.
     */
    String stopWithSavepoint(String jobId, Path directory, Duration timeout) throws Exception {
        String body = FaultTestSupport.JSON.writeValueAsString(
                Map.of("drain", false, "targetDirectory", directory.toUri().toString()));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(restBase() + "/jobs/" + jobId + "/stop"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /jobs/" + jobId + "/stop -> " + r.statusCode() + ": " + r.body());
        }
        String requestId = FaultTestSupport.JSON.readTree(r.body()).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode op = rest("/jobs/" + jobId + "/savepoints/" + requestId);
            if (op.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode failure = op.path("operation").path("failure-cause");
                if (!failure.isMissingNode() && !failure.isNull()) {
                    throw new IllegalStateException("stop-with-savepoint of " + jobId + " failed: " + failure);
                }
                String location = op.path("operation").path("location").asText();
                String state = awaitTerminal(jobId, Duration.ofSeconds(60));
                if (!state.equals("FINISHED")) {
                    throw new IllegalStateException("job " + jobId + " is " + state + " after stop-with-savepoint");
                }
                return location;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("stop-with-savepoint of " + jobId + " did not complete in " + timeout);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
}
