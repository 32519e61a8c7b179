package io.maskstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesFileTest {
    @Test
    void aListOfSourcesWithOverridesIsRead() {
        List<SourceSpec> specs = SourcesFile.parse("""
                # two streams
                - source: /videos/gate.mp4   # a file
                  stream-id: gate
                  fps: max
                  loop: true
                - source: "scene:crowd?frames=30"
                  stream-id: 'synthetic #1'
                  jpeg-quality: 70
                  max-frames: 10
                """);
        assertThat(specs).containsExactly(
                new SourceSpec("/videos/gate.mp4", "gate", Pacing.max(), true, null, null),
                new SourceSpec("scene:crowd?frames=30", "synthetic #1", null, null, 70, 10L));
        ReplaySettings s = specs.get(1).apply(ReplaySettings.of("x").withTopic("t"));
        assertThat(s.streamId()).isEqualTo("synthetic #1");
        assertThat(s.topic()).isEqualTo("t");
        assertThat(s.jpegQuality()).isEqualTo(70);
        assertThat(s.maxFrames()).isEqualTo(10);
    }

    @Test
    void anEntryWithoutAStreamIdIsRejected() {
        assertThatThrownBy(() -> SourcesFile.parse("- source: a.mp4\n"))
                .hasMessageContaining("stream-id");
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> SourcesFile.parse("- source: a.mp4\n  stream-id: a\n  speed: 2\n"))
                .hasMessageContaining("speed");
    }
}
