package io.maskstream.connectors.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small YAML list given to {@code replay --sources FILE}:
 *
 * <pre>
 * # one entry per stream
 * - source: /videos/gate.mp4
 *   stream-id: gate
 *   fps: max            # optional: native | max | N
 *   loop: true          # optional
 *   jpeg-quality: 85    # optional
 *   max-frames: 1000    # optional
 * - source: scene:crowd
 *   stream-id: synthetic-crowd
 * </pre>
 *
 * Only this subset of YAML: a list of flat maps of scalars, {@code #} comments, optional quotes.
 */
public final class SourcesFile {
    private SourcesFile() {}

    public static List<SourceSpec> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static List<SourceSpec> parse(String yaml) {
        List<Map<String, String>> entries = new ArrayList<>();
        Map<String, String> current = null;
        int lineNumber = 0;
        for (String raw : yaml.split("\r?\n")) {
            lineNumber++;
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            String t = line.strip();
            if (t.startsWith("- ") || t.equals("-")) {
                current = new LinkedHashMap<>();
                entries.add(current);
                t = t.substring(1).strip();
                if (t.isEmpty()) {
                    continue;
                }
            } else if (current == null) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected a list entry '- source: ...'");
            }
            int colon = t.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected 'key: value', got '" + t + "'");
            }
            current.put(t.substring(0, colon).strip(), unquote(t.substring(colon + 1).strip()));
        }
        List<SourceSpec> specs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> e = entries.get(i);
            String source = e.remove("source");
            String streamId = e.containsKey("stream-id") ? e.remove("stream-id") : e.remove("streamId");
            if (source == null || streamId == null) {
                throw new IllegalArgumentException("entry " + (i + 1) + " needs 'source' and 'stream-id'");
            }
            Pacing pacing = e.containsKey("fps") ? Pacing.parse(e.remove("fps")) : null;
            Boolean loop = e.containsKey("loop") ? Boolean.valueOf(e.remove("loop")) : null;
            Integer quality = e.containsKey("jpeg-quality") ? Integer.valueOf(e.remove("jpeg-quality")) : null;
            Long maxFrames = e.containsKey("max-frames") ? Long.valueOf(e.remove("max-frames")) : null;
            if (!e.isEmpty()) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": unknown keys " + e.keySet());
            }
            specs.add(new SourceSpec(source, streamId, pacing, loop, quality, maxFrames));
        }
        return specs;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
