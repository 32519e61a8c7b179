package io.maskstream.connectors.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.MaskletFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskletFilesTest {
    @TempDir
    Path dir;

    private static MaskletFrame frame(String stream, long seq) {
        return new MaskletFrame(stream, seq, seq, seq, 4, 2, List.of());
    }

    /** Writes frames as the file sink lays them out: DIR/<stream>/<name>. */
    private void part(String stream, String name, long... seqs) throws IOException {
        Path d = Files.createDirectories(dir.resolve(MaskletFiles.directoryName(stream)));
        MaskletsJsonLines.write(d.resolve(name), java.util.Arrays.stream(seqs).mapToObj(s -> frame(stream, s)).toList());
    }

    @Test
    void aStreamIsReadFromItsFinishedPartFilesInSeqOrder() throws IOException {
        part("cam-1", "masklets-b7-0.jsonl", 3, 4);
        part("cam-1", "masklets-a2-0.jsonl", 0, 1, 2);
        part("cam-1", ".masklets-b7-1.jsonl.inprogress.5e1", 5);
        part("cam-2", "masklets-c9-0.jsonl", 0);

        assertThat(MaskletFiles.readStream(dir, "cam-1")).extracting(MaskletFrame::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aStreamWithoutFinishedFilesIsAnErrorNamingTheStreamsThere() throws IOException {
        part("cam-1", ".masklets-b7-0.jsonl.inprogress.5e1", 0);
        part("cam-2", "masklets-c9-0.jsonl", 0);

        assertThatThrownBy(() -> MaskletFiles.readStream(dir, "cam-1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no finished masklets file for stream 'cam-1'")
                .hasMessageContaining("[cam-1, cam-2]");
    }

    @Test
    void aSeqTwiceInAStreamsFilesIsRefused() throws IOException {
        part("cam-1", "masklets-a2-0.jsonl", 0, 1);
        part("cam-1", "masklets-b7-0.jsonl", 0, 1);

        assertThatThrownBy(() -> MaskletFiles.readStream(dir, "cam-1"))
                .hasMessageContaining("two frames with seq 0");
    }

    @Test
    void plainIdsNameTheirDirectoryAndOthersAreEscapedVisibly() {
        assertThat(MaskletFiles.directoryName("cam-1_front.v2")).isEqualTo("cam-1_front.v2");
        assertThat(MaskletFiles.directoryName("site/door 3")).isEqualTo("site%2Fdoor%203");
        assertThat(MaskletFiles.directoryName(".hidden")).isEqualTo("%2Ehidden");
        assertThat(MaskletFiles.directoryName("..")).isEqualTo("%2E.");
        assertThat(MaskletFiles.directoryName("50%")).isEqualTo("50%25");
    }
}
