package io.maskstream.connectors.results;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of {@link MaskletFrame}s, one JSON object per line, each line exactly the masklets topic's record
 * value ({@link MaskletFrameJson}).
 */
public final class MaskletsJsonLines {
    private MaskletsJsonLines() {}

    public static List<MaskletFrame> read(Path file) throws IOException {
        List<MaskletFrame> frames = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    frames.add(parse(line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return frames;
    }

    public static void write(Path file, List<MaskletFrame> frames) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (MaskletFrame f : frames) {
                out.write(format(f));
                out.write('\n');
            }
        }
    }

    public static MaskletFrame parse(String line) throws IOException {
        try {
            return MaskletFrameJson.fromJson(line.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static String format(MaskletFrame f) {
        return new String(MaskletFrameJson.toJson(f), StandardCharsets.UTF_8);
    }
}
