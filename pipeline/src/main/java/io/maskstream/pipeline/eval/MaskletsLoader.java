package io.maskstream.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.connectors.results.MaskletFiles;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Our masklets output as JSON lines, one {@code MaskletFrame} per line
 * ({@code {"streamId", "seq", ..., "objects": [{"id", "box": [x, y, w, h], "mask": {"size", "counts"}}]}}).
 * Frame index = seq (per-stream, from 0); a frame's seq may appear once. Objects carry both a box and a mask, so they compare with
 * box or mask ground truth; an object with an empty mask (a suppressed masklet) is not a detection.
 */
final class MaskletsLoader {

    private MaskletsLoader() {}

    /**
     * Reads a JSON-lines file, or the finished files of stream {@code streamId} in a directory the
     * job's file sink wrote ({@link MaskletFiles}).
     */
    static TrackingSequence load(Path file, String streamId) {
        List<Path> files;
        if (Files.isDirectory(file)) {
            try {
                if (streamId == null) {
                    throw new EvaluationException(file + " is a directory of masklets files; choose a stream with "
                            + "--stream-id (streams there: " + MaskletFiles.streamDirectories(file) + ")");
                }
                files = MaskletFiles.finishedParts(file, streamId);
                if (files.isEmpty()) {
                    throw new EvaluationException("no finished masklets file for stream '" + streamId + "' in " + file
                            + " (streams there: " + MaskletFiles.streamDirectories(file) + ")");
                }
            } catch (IOException e) {
                throw new EvaluationException("cannot read " + file + ": " + e.getMessage(), e);
            }
        } else {
            files = List.of(file);
        }
        TreeSet<String> streams = new TreeSet<>();
        Set<String> seqs = new HashSet<>();
        TrackingSequence.Builder b = TrackingSequence.builder();
        for (Path f : files) {
            loadFile(f, streamId, streams, seqs, b);
        }
        if (streams.size() > 1) {
            throw new EvaluationException(file + " holds streams " + streams + "; choose one with --stream-id");
        }
        return b.build();
    }

    private static void loadFile(
            Path file, String streamId, Set<String> streams, Set<String> seqs, TrackingSequence.Builder b) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvaluationException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode frame;
            try {
                frame = mapper.readTree(line);
            } catch (IOException e) {
                throw new EvaluationException(where + ": not JSON: " + e.getMessage(), e);
            }
            String stream = frame.path("streamId").asText("");
            if (streamId != null && !streamId.equals(stream)) {
                continue;
            }
            streams.add(stream);
            if (!frame.has("seq") || !frame.get("seq").canConvertToLong()) {
                throw new EvaluationException(where + ": missing integer \"seq\"");
            }
            long seq = frame.get("seq").asLong();
            if (seq < 0 || seq > Integer.MAX_VALUE - 1) {
                throw new EvaluationException(where + ": seq " + seq + " is out of range");
            }
            if (!seqs.add(stream + '\n' + seq)) {
                throw new EvaluationException(where + ": a second frame with seq " + seq + " of stream '" + stream
                        + "' (was the stream id used for more than one run?)");
            }
            int t = (int) seq;
            b.frameCount(t + 1);
            for (JsonNode o : frame.path("objects")) {
                if (!o.has("id")) {
                    throw new EvaluationException(where + ": an object has no \"id\"");
                }
                int id = o.get("id").asInt();
                BoxRegion box = null;
                JsonNode bx = o.get("box");
                if (bx != null && bx.isArray() && bx.size() == 4) {
                    box = new BoxRegion(bx.get(0).asDouble(), bx.get(1).asDouble(), bx.get(2).asDouble(),
                            bx.get(3).asDouble());
                }
                Rle mask = null;
                JsonNode m = o.get("mask");
                if (m != null && !m.isNull()) {
                    mask = JsonRle.parse(m, where + " object " + id);
                    if (mask.area() == 0) {
                        continue;
                    }
                }
                if (box == null && mask == null) {
                    throw new EvaluationException(where + ": object " + id + " has neither box nor mask");
                }
                b.add(t, new TrackedObject(id, box, mask, TrackedObject.Role.EVALUATED));
            }
        }
    }
}
