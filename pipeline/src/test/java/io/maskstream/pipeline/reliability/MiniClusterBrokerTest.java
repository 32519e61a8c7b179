package io.maskstream.pipeline.reliability;

import io.maskstream.connectors.kafka.EmbeddedKafkaBroker;
import io.maskstream.operators.inference.reference.ReferenceModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the in-JVM fault tests share: a MiniCluster (1 TaskManager, 2 slots), a real in-process Kafka
 * broker and the reference models built into a temporary model directory, for the whole test class
 * (also used by job tests that need the same fixture).
 */
public abstract class MiniClusterBrokerTest {
    @RegisterExtension
    protected static final org.apache.flink.test.junit5.MiniClusterExtension MINI_CLUSTER = FaultTestSupport.miniCluster();

    @TempDir
    protected static Path tmp;

    protected static EmbeddedKafkaBroker broker;
    protected static Path models;

    @BeforeAll
    protected static void startBrokerAndBuildModels() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        models = tmp.resolve("models");
        ReferenceModels.build(models);
    }

    @AfterAll
    protected static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
