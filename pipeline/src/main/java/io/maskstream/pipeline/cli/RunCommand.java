package io.maskstream.pipeline.cli;

import io.maskstream.pipeline.config.JobOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.KafkaTrackingJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskstream run}: the tracking job on an embedded MiniCluster, or submitted to a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the tracking job: Kafka frames/prompts in, masklets out (exactly-once).")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML job file (keys as in docs/configuration.md).")
    Path config;

    @Option(names = "--set", description = "Override one key: --set key=value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--jobmanager", description = "host:port of a running Flink session cluster's REST endpoint.")
    String jobManager;

    @Override
    public Integer call() throws Exception {
        Configuration conf = MaskstreamConfig.load(config, overrides);
        MaskstreamConfig.validate(conf);
        StreamExecutionEnvironment env;
        if (jobManager == null) {
            env = JobEnvironment.local(conf);
        } else {
            int colon = jobManager.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--jobmanager expects host:port, got '" + jobManager + "'");
            }
            env = JobEnvironment.remote(conf, jobManager.substring(0, colon),
                    Integer.parseInt(jobManager.substring(colon + 1)), jarForCluster().toString());
        }
        KafkaTrackingJob.create(conf).build(env);
        env.execute(conf.get(JobOptions.NAME));
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
}
