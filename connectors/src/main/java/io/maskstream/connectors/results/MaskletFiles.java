package io.maskstream.connectors.results;

import io.maskstream.state.record.MaskletFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the job's file sink ({@code job.output-file}) puts a stream's masklet frames:
 * {@code DIR/<stream>/masklets-<writer>-<n>.jsonl}, one directory per stream id, one
 * {@link MaskletFrame} JSON line per frame. A part file is written hidden
 * ({@code .masklets-...jsonl.inprogress...}) and appears under its final name when a checkpoint
 * commits it: after the stream's end of stream, or when it grows too old or too large. Readers take
 * the finished files only, so they never see uncommitted output.
 */
public final class MaskletFiles {
    public static final String PART_PREFIX = "masklets";
    public static final String PART_SUFFIX = ".jsonl";

    private MaskletFiles() {}

    /**
     * The directory name of a stream: the id itself when it is made of letters, digits, '-', '_' and
     * '.' (not leading); any other byte of its UTF-8 form is written %XX, so every id gets its own
     * visible directory.
     */
    public static String directoryName(String streamId) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = streamId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    /** The finished part files of a stream in a sink directory, by name; empty if it has none. */
    public static List<Path> finishedParts(Path dir, String streamId) throws IOException {
        Path streamDir = dir.resolve(directoryName(streamId));
        if (!Files.isDirectory(streamDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(streamDir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(PART_PREFIX + "-") && n.endsWith(PART_SUFFIX) && Files.isRegularFile(f);
            }).sorted().toList();
        }
    }

    /** The stream directories of a sink directory (their names), sorted. */
    public static List<String> streamDirectories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /**
     * A stream's frames from the finished part files in a sink directory, in seq order.
     *
     * @throws IOException if the stream has no finished file, a line is not a masklet frame, or two
     *     frames share a seq (the stream id was used for more than one run)
     */
    public static List<MaskletFrame> readStream(Path dir, String streamId) throws IOException {
        List<Path> parts = finishedParts(dir, streamId);
        if (parts.isEmpty()) {
            throw new IOException("no finished masklets file for stream '" + streamId + "' in " + dir
                    + " (streams there: " + streamDirectories(dir) + "; a stream's file appears at the first"
                    + " checkpoint after its end of stream)");
        }
        List<MaskletFrame> frames = new ArrayList<>();
        for (Path part : parts) {
            frames.addAll(MaskletsJsonLines.read(part));
        }
        frames.sort(Comparator.comparingLong(MaskletFrame::seq));
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).seq() == frames.get(i - 1).seq()) {
                throw new IOException("stream '" + streamId + "' has two frames with seq " + frames.get(i).seq()
                        + " in " + dir.resolve(directoryName(streamId))
                        + "; the stream id was used for more than one run");
            }
        }
        return frames;
    }
}
