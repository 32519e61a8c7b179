package io.maskstream.pipeline.reliability;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the in-JVM fault tests share: a MiniCluster (1 TaskManager, 2 slots), a real in-process Kafka
 * broker, for the whole test class (also used by job tests that need the same fixture); the jobs run
 * the reference kit.
 */
public abstract class MiniClusterBrokerTest {
    @RegisterExtension
    protected static final org.apache.flink.test.junit5.MiniClusterExtension MINI_CLUSTER = FaultTestSupport.miniCluster();

    @TempDir
    protected static Path tmp;

    protected static EmbeddedKafkaBroker broker;

    @BeforeAll
    protected static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    protected static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
