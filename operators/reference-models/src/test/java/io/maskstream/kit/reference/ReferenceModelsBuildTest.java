package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceModelsBuildTest {
    @TempDir
    Path dir;

    @Test
    void everyReferenceModelLoadsInOnnxRuntime() throws Exception {
        ReferenceModels.build(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
        assertThat(files).hasSize(8);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (Path f : files) {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                 OrtSession s = env.createSession(f.toString(), o)) {
                assertThat(s.getInputNames()).isNotEmpty();
            }
        }
        assertThat(dir.resolve("model.json")).exists();
    }

    @Test
    void buildingTwiceWritesTheSameBytes(@TempDir Path other) throws Exception {
        ReferenceModels.build(dir);
        ReferenceModels.build(other);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                assertThat(Files.readAllBytes(other.resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
    }
}
