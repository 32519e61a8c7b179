package io.maskstream.pipeline.cli;

import io.maskstream.connectors.kafka.KafkaOptions;
import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.KafkaStartupCheck;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.pipeline.config.JobOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.JobLauncher;
import io.maskstream.pipeline.job.KafkaTrackingJob;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maskstream run}: the tracking job on an embedded MiniCluster, or submitted to a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the tracking job: Kafka frames/prompts in, masklets out (exactly-once).",
            "Needs a Kafka broker (kafka.bootstrap-servers; deploy/local/kafka.sh starts one).",
            "Prints the job id and web UI when the job runs, a status line every --status-interval, and a summary at the end."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "YAML job file (keys as in docs/configuration.md).")
    Path config;

    @Option(names = "--set", description = "Override one key: --set key=value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--jobmanager", description = "host:port of a running Flink session cluster's REST endpoint.")
    String jobManager;

    @Option(names = "--create-topics", description = "Create missing topics at start (same as --set kafka.create-topics=true).")
    boolean createTopics;

    @Option(names = "--status-interval",
            description = "Print a status line (frames in and out, streams, lag) this often; 0 turns it off. Default: ${DEFAULT-VALUE}.")
    String statusInterval = "10 s";

    @Override
    public Integer call() throws Exception {
        Duration interval = parseInterval();
        Configuration conf = MaskstreamConfig.load(config, overrides);
        if (createTopics) {
            conf.set(KafkaOptions.CREATE_TOPICS, true);
        }
        MaskstreamConfig.validate(conf);
        PrintWriter out = spec.commandLine().getOut();
        KafkaSettings kafka = KafkaSettings.from(conf);
        List<String> created = KafkaStartupCheck.checkJob(kafka, conf);
        if (!created.isEmpty()) {
            out.println("created topics " + String.join(", ", created) + " on " + kafka.bootstrapServers());
        }

        StreamExecutionEnvironment env;
        URI restAddress = null;
        if (jobManager == null) {
            env = JobEnvironment.local(conf);
        } else {
            int colon = jobManager.lastIndexOf(':');
            if (colon <= 0) {
                throw new ParameterException(spec.commandLine(), "--jobmanager expects host:port, got '" + jobManager + "'");
            }
            env = JobEnvironment.remote(conf, jobManager.substring(0, colon),
                    Integer.parseInt(jobManager.substring(colon + 1)), jarForCluster().toString());
            restAddress = URI.create("http://" + jobManager);
        }
        KafkaTrackingJob.create(conf).build(env);
        if (jobManager == null && !(env instanceof LocalStreamEnvironment)) {
            // Under `flink run` the client decides (attached, detached); it prints the job id itself.
            env.execute(conf.get(JobOptions.NAME));
            return 0;
        }
        long start = System.nanoTime();
        JobLauncher.Launched job = JobLauncher.launch(env, conf.get(JobOptions.NAME), restAddress);
        String jobId = job.client().getJobID().toString();
        out.println(RunStatusLines.started(jobId, job.restAddress(), kafka,
                RunStatusLines.models(conf), conf.get(StreamOptions.DEFAULT_CONCEPTS)));
        out.flush();

        JobMetricsReader metrics = job.restAddress() == null ? null : new JobMetricsReader(job.restAddress(), jobId);
        CompletableFuture<JobExecutionResult> result = job.client().getJobExecutionResult();
        AtomicReference<JobProgress> lastSeen = new AtomicReference<>(JobProgress.NONE);
        Thread interrupted = new Thread(() -> {
            out.println(RunStatusLines.summary(jobId, jobManager == null ? "stopped" : "left running on the cluster",
                    Duration.ofNanos(System.nanoTime() - start), lastSeen.get()));
            out.flush();
        }, "run-summary");
        Runtime.getRuntime().addShutdownHook(interrupted); // Ctrl-C still ends with a summary
        try {
            return await(result, metrics, interval, jobId, start, lastSeen, out);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }

    /** Prints a status line every interval until the job ends, then the summary. */
    private static int await(CompletableFuture<JobExecutionResult> result, JobMetricsReader metrics, Duration interval,
                             String jobId, long start, AtomicReference<JobProgress> lastSeen, PrintWriter out)
            throws InterruptedException {
        JobProgress last = JobProgress.NONE;
        long lastAt = start;
        while (!result.isDone()) {
            try {
                if (interval.isZero() || metrics == null) {
                    result.get();
                } else {
                    result.get(interval.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                JobProgress progress = metrics.read().orElse(last);
                out.println(RunStatusLines.status(Duration.ofNanos(now - start), progress, last,
                        Duration.ofNanos(now - lastAt)));
                out.flush();
                last = progress;
                lastAt = now;
                lastSeen.set(progress);
            } catch (ExecutionException e) {
                break; // reported below
            }
        }
        JobExecutionResult finished;
        try {
            finished = result.get();
        } catch (ExecutionException e) {
            out.println(RunStatusLines.summary(jobId, "FAILED", Duration.ofNanos(System.nanoTime() - start), last));
            out.flush();
            throw new IllegalStateException("job " + jobId + " failed: " + rootCause(e), e);
        }
        long restarts = last.restarts();
        last = JobProgress.ofAccumulators(finished.getAllAccumulatorResults())
                .map(totals -> totals.withJob(null, restarts))
                .orElse(last);
        out.println(RunStatusLines.summary(jobId, "FINISHED", Duration.ofNanos(System.nanoTime() - start), last));
        out.flush();
        return 0;
    }

    /**
     * The jar shipped to a session cluster: {@code maskstream-job.jar} beside the running launcher jar
     * when it is there (the cluster has Flink and ONNX Runtime), else the running jar itself.
     */
    static Path jarForCluster() throws java.net.URISyntaxException {
        Path running = Path.of(RunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path job = running.resolveSibling("maskstream-job.jar");
        return java.nio.file.Files.isRegularFile(job) ? job : running;
    }

    private Duration parseInterval() {
        Duration d;
        try {
            d = TimeUtils.parseDuration(statusInterval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "--status-interval expects a duration such as 10s or 0 (off), got '" + statusInterval + "'");
        }
        if (d.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--status-interval must not be negative");
        }
        return d;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
