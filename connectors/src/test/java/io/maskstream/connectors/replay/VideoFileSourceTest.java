package io.maskstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void aTextFileIsRefusedInTheUsersWordsNotFfmpegs() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "these are not frames\n");

        assertThatThrownBy(() -> FrameSources.open(text.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(text + " is not a video the decoder can read")
                .hasMessageNotContaining("setFormat")
                .hasMessageNotContaining("avformat_open_input");
    }
}
