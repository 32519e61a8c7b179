package io.maskstream.pipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar for {@code flink run} ({@code target/maskstream-job.jar}, built in the package phase before
 * this runs) carries the job and what a session cluster lacks, and none of the launcher's tools.
 */
class JobJarITCase {
    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        Path jar = Path.of("target", "maskstream-job.jar");
        assertThat(jar).as("built by `mvn package`").isRegularFile();
        try (JarFile f = new JarFile(jar.toFile())) {
            entries = f.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void holdsTheCommandLineTheTrackingCoreAndTheKafkaConnector() {
        assertThat(entries).contains(
                "io/maskstream/pipeline/cli/MaskstreamCli.class",
                "io/maskstream/operators/tracking/StreamTracker.class",
                "io/maskstream/kit/coco/CocoKit.class",
                "io/maskstream/kit/reference/ReferenceKit.class",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class");
    }

    @Test
    void leavesOutTestLibrariesScalaTheKafkaBrokerTheSceneGeneratorAndFfmpeg() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/junit/"))
                .noneMatch(e -> e.startsWith("io/maskstream/kafka/embedded/"))
                .noneMatch(e -> e.startsWith("io/maskstream/kit/reference/scene/"))
                .noneMatch(e -> e.startsWith("scala/"))
                .noneMatch(e -> e.startsWith("kafka/server/"))
                .noneMatch(e -> e.startsWith("org/apache/kafka/common/test/"))
                .noneMatch(e -> e.startsWith("org/bytedeco/"));
    }

    @Test
    void leavesOutWhatTheClusterProvides() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/runtime/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/streaming/api/environment/"))
                .noneMatch(e -> e.startsWith("ai/onnxruntime/"))
                .noneMatch(e -> e.startsWith("org/apache/logging/log4j/"));
    }

    @Test
    void staysFarSmallerThanTheLauncherJar() throws IOException {
        long job = Files.size(Path.of("target", "maskstream-job.jar"));
        long launcher = Files.size(Path.of("target", "maskstream.jar"));
        assertThat(job).isLessThan(120L << 20).isLessThan(launcher / 3);
    }
}
