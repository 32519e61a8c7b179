package io.maskstream.pipeline.reliability;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class that runs against the real local session cluster: the broker and the cluster of
 * {@code deploy/local} are started once for the class in a private run directory under {@link #tmp}
 * and stopped after it, also when a test fails. Tagged {@code cluster} (see RELIABILITY.md).
 */
@Tag("cluster")
abstract class LocalClusterTest {
    @TempDir
    static Path tmp;

    static LocalScripts scripts;

    @BeforeAll
    static void startBrokerAndCluster() throws Exception {
        scripts = LocalScripts.startBrokerAndCluster(tmp.resolve("run"));
    }

    @AfterAll
    static void stopBrokerAndCluster() {
        LocalScripts.stopAll(scripts);
    }

    /**
     * {@link FaultTestSupport#jobSettings} for this cluster's broker, plus checkpoints every second
     * into a directory under {@link #tmp} and the job's name.
     */
    static List<String> jobSettings(String name, String prefix, int parallelism, boolean bounded) {
        List<String> settings = FaultTestSupport.jobSettings(scripts.bootstrap(), prefix, parallelism, bounded);
        settings.add("job.checkpoint-dir=" + tmp.resolve("checkpoints").toUri());
        settings.add("job.checkpoint-interval=1 s");
        settings.add("job.name=" + name);
        return settings;
    }
}
