package io.maskstream.connectors.results;

import io.maskstream.state.tracking.MaskletEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskletsJsonLinesTest {
    @TempDir
    Path dir;

    static MaskletFrame sample() {
        return new MaskletFrame("cam-1", 7, 1000, 1500, 4, 3, List.of(new MaskletObject(3, "red", 0.75f,
                new float[] {1, 0, 2, 2}, new RleMask(3, 4, "32000"), List.of(MaskletEvent.STARTED,
                        MaskletEvent.CONFIRMED))));
    }

    @Test
    void aLineInTheTopicShapeIsParsed() throws IOException {
        MaskletFrame f = MaskletsJsonLines.parse("""
                {"streamId":"cam-1","seq":7,"captureTime":1000,"emitTime":1500,"width":4,"height":3,\
                "objects":[{"id":3,"concept":"red","score":0.75,"box":[1,0,2,2],\
                "mask":{"size":[3,4],"counts":"32000"},"events":["started","confirmed"]}]}""");
        assertThat(f).isEqualTo(sample());
    }

    @Test
    void framesSurviveAWriteAndReadOfTheFile() throws IOException {
        Path file = dir.resolve("m.jsonl");
        MaskletFrame empty = new MaskletFrame("cam-1", 8, 1100, 1600, 4, 3, List.of());
        MaskletsJsonLines.write(file, List.of(sample(), empty));
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(MaskletsJsonLines.read(file)).containsExactly(sample(), empty);
    }

    @Test
    void theMaskSourceSurvivesAWriteAndReadOfTheFile() throws IOException {
        Path file = dir.resolve("sourced.jsonl");
        MaskletFrame f = new MaskletFrame("cam-1", 9, 0, 0, 4, 3, List.of(new MaskletObject(3, "person", 0.5f,
                new float[] {1, 0, 2, 2}, new RleMask(3, 4, "32000"), List.of(), "foreground")));
        MaskletsJsonLines.write(file, List.of(f));
        assertThat(MaskletsJsonLines.read(file)).containsExactly(f);
    }

    @Test
    void theInstructionsAnObjectSatisfiesSurviveAWriteAndReadOfTheFile() throws IOException {
        Path file = dir.resolve("instructed.jsonl");
        MaskletFrame f = new MaskletFrame("cam-1", 9, 0, 0, 4, 3, List.of(new MaskletObject(3, "person", 0.5f,
                new float[] {1, 0, 2, 2}, new RleMask(3, 4, "32000"), List.of(), null, List.of("left", "follow"))));
        MaskletsJsonLines.write(file, List.of(f));
        assertThat(Files.readString(file)).contains("\"instructions\":[\"left\",\"follow\"]");
        assertThat(MaskletsJsonLines.read(file)).containsExactly(f);
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, MaskletsJsonLines.format(sample()) + "\n{\"seq\":1}\n");
        assertThatThrownBy(() -> MaskletsJsonLines.read(file)).hasMessageContaining("line 2");
    }
}
