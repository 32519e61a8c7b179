package io.maskstream.pipeline.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The real local cluster of {@code deploy/local} driven from a test: {@code kafka.sh} (a Kafka
 * broker JVM) and {@code cluster.sh} (Flink JobManager + TaskManager JVMs), with a private run
 * directory and free ports so that a test never meets a cluster someone else started.
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
}
