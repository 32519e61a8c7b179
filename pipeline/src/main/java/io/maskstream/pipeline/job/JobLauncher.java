package io.maskstream.pipeline.job;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.client.program.PerJobMiniClusterFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits a built job without waiting for it, and says where its REST API and web UI are. On a
 * local environment it starts the MiniCluster as Flink's local executor does, but keeps hold of
 * it: the MiniCluster's REST port is chosen at random and only the cluster itself knows it.
 */
public final class JobLauncher {
    private JobLauncher() {}

    /**
     * A submitted job.
     *
     * @param restAddress the REST API and web UI of the cluster running it, or null when unknown
     *     (a context environment such as {@code flink run} without a REST address)
     */
    public record Launched(JobClient client, URI restAddress) {}

    /**
     * Submits the job built on {@code env}. A local environment gets its own MiniCluster, shut
     * down when the job ends; a remote environment submits to {@code remoteRestAddress}.
     */
    public static Launched launch(StreamExecutionEnvironment env, String jobName, URI remoteRestAddress)
            throws Exception {
        if (!(env instanceof LocalStreamEnvironment)) {
            return new Launched(env.executeAsync(jobName), remoteRestAddress);
        }
        Configuration effective = Configuration.fromMap(env.getConfiguration().toMap());
        if (!effective.contains(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL)) {
            // The REST API's metric values are at most this old; the status lines read them.
            effective.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, java.time.Duration.ofSeconds(1));
        }
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        graph.serializeUserDefinedInstances();
        AtomicReference<MiniCluster> cluster = new AtomicReference<>();
        JobClient client = PerJobMiniClusterFactory.createWithFactory(effective, config -> {
                    MiniCluster c = new MiniCluster(config);
                    cluster.set(c);
                    return c;
                })
                .submitJob(graph, Thread.currentThread().getContextClassLoader())
                .get();
        return new Launched(client, cluster.get().getRestAddress().get());
    }
}
