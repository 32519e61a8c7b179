package io.maskstream.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, as CI runs it: the demo must keep working. */
class DemoITCase {
    @Test
    void demoRunsTheJobEndToEndAndWritesItsResults(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Result r = Demo.run(new Demo.Settings("mixed", 150, out, 50), new PrintStream(log, true));

        assertThat(r.framesIn()).isEqualTo(150);
        assertThat(r.framesOut()).as("one masklet frame per input frame").isEqualTo(150);
        assertThat(r.objects()).isPositive();
        assertThat(r.stateBytesPerStream()).isPositive();
        for (String f : new String[] {"masklets.jsonl", "results.ytvis.json", "overlay.mp4", "metrics.json"}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(out.resolve("metrics.json")));
        for (String k : new String[] {"framesIn", "framesOut", "streams", "objects", "fps", "stateBytesPerStream", "HOTA", "IDF1"}) {
            assertThat(metrics.has(k)).as(k).isTrue();
        }
        assertThat(Files.readAllLines(out.resolve("masklets.jsonl"))).hasSize(150);
    }
}
