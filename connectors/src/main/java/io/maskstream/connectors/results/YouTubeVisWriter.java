package io.maskstream.connectors.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.geometry.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes masklets in the YouTube-VIS (and SA-V style) JSON formats, as read by pycocotools' ytvos
 * API and TrackEval's {@code YouTubeVIS} dataset. Frame index = the frame's seq; a masklet's
 * segmentation is {@code null} on frames where it is absent or its mask is empty.
 *
 * <ul>
 *   <li>{@link #writeResults}: a list of tracks {@code {"video_id","category_id","score",
 *       "segmentations":[rle|null,...]}} with compressed RLE ({@code counts} a string), score =
 *       mean object score over the frames the masklet is visible.
 *   <li>{@link #writeGroundTruth}: {@code {"info","videos","categories","annotations"}} like the
 *       dataset's own files: segmentations as uncompressed RLE ({@code counts} a list of ints, which
 *       is what {@code pycocotools.mask.frPyObjects} expects of ground truth), with {@code bboxes}
 *       and {@code areas} per frame.
 * </ul>
 * Category ids come from {@link ConceptCategories}: the {@code categoryOrder} given first, then other concepts by name.
 */
public final class YouTubeVisWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private YouTubeVisWriter() {}

    private static final class Track {
        final int id;
        final String concept;
        final MaskletObject[] perFrame;
        double scoreSum;
        int visible;

        Track(int id, String concept, int length) {
            this.id = id;
            this.concept = concept;
            this.perFrame = new MaskletObject[length];
        }
    }

    private static Map<Integer, Track> tracks(List<MaskletFrame> frames, int length) {
        Map<Integer, Track> tracks = new TreeMap<>();
        for (MaskletFrame f : frames) {
            if (f.seq() < 0 || f.seq() >= length) {
                continue;
            }
            for (MaskletObject o : f.objects()) {
                Track t = tracks.computeIfAbsent(o.id(), id -> new Track(id, o.concept(), length));
                Rle rle = rle(o);
                if (rle.area() > 0) {
                    t.perFrame[(int) f.seq()] = o;
                    t.scoreSum += o.score();
                    t.visible++;
                }
            }
        }
        tracks.values().removeIf(t -> t.visible == 0);
        return tracks;
    }

    /** The results JSON (a list of tracks) of one video. */
    public static String resultsJson(int videoId, int length, List<MaskletFrame> frames, List<String> categoryOrder) throws IOException {
        Map<Integer, Track> tracks = tracks(frames, length);
        Map<String, Integer> categories = ConceptCategories.of(categoryOrder, tracks.values().stream().map(t -> t.concept).toList());
        ArrayNode out = JSON.createArrayNode();
        for (Track t : tracks.values()) {
            ObjectNode n = out.addObject();
            n.put("video_id", videoId);
            n.put("category_id", categories.get(t.concept));
            n.put("score", (float) (t.scoreSum / t.visible));
            ArrayNode segs = n.putArray("segmentations");
            for (MaskletObject o : t.perFrame) {
                if (o == null) {
                    segs.addNull();
                } else {
                    ObjectNode s = segs.addObject();
                    s.putArray("size").add(o.mask().height()).add(o.mask().width());
                    s.put("counts", o.mask().counts());
                }
            }
        }
        return JSON.writeValueAsString(out);
    }

    public static void writeResults(Path file, int videoId, int length, List<MaskletFrame> frames,
            List<String> categoryOrder) throws IOException {
        Files.writeString(file, resultsJson(videoId, length, frames, categoryOrder));
    }

    /**
     * The ground-truth JSON of one video.
     *
     * @param videoName folder name of the video's frames ({@code file_names} are {@code name/00000.jpg})
     */
    public static String groundTruthJson(String videoName, int videoId, int width, int height, int length,
            List<MaskletFrame> frames, List<String> categoryOrder) throws IOException {
        Map<Integer, Track> tracks = tracks(frames, length);
        TreeSet<String> concepts = new TreeSet<>();
        tracks.values().forEach(t -> concepts.add(t.concept));
        Map<String, Integer> categories = ConceptCategories.of(categoryOrder, concepts);

        ObjectNode root = JSON.createObjectNode();
        root.putObject("info").put("description", "maskstream ground truth").put("version", "1.0");
        ArrayNode videos = root.putArray("videos");
        ObjectNode video = videos.addObject();
        video.put("id", videoId);
        video.put("width", width);
        video.put("height", height);
        video.put("length", length);
        ArrayNode fileNames = video.putArray("file_names");
        for (int i = 0; i < length; i++) {
            fileNames.add(String.format("%s/%05d.jpg", videoName, i));
        }
        ArrayNode cats = root.putArray("categories");
        List<Map.Entry<String, Integer>> byId = new ArrayList<>(categories.entrySet());
        byId.sort(Map.Entry.comparingByValue());
        for (Map.Entry<String, Integer> c : byId) {
            cats.addObject().put("id", c.getValue()).put("name", c.getKey()).put("supercategory", "object");
        }
        ArrayNode annotations = root.putArray("annotations");
        for (Track t : tracks.values()) {
            ObjectNode a = annotations.addObject();
            a.put("id", t.id);
            a.put("video_id", videoId);
            a.put("category_id", categories.get(t.concept));
            a.put("iscrowd", 0);
            a.put("height", height);
            a.put("width", width);
            a.put("length", 1);
            ArrayNode segs = a.putArray("segmentations");
            ArrayNode boxes = a.putArray("bboxes");
            ArrayNode areas = a.putArray("areas");
            for (MaskletObject o : t.perFrame) {
                if (o == null) {
                    segs.addNull();
                    boxes.addNull();
                    areas.addNull();
                    continue;
                }
                Rle rle = rle(o);
                ObjectNode s = segs.addObject();
                s.putArray("size").add(rle.height()).add(rle.width());
                ArrayNode counts = s.putArray("counts");
                for (int c : rle.counts()) {
                    counts.add(c);
                }
                ArrayNode box = boxes.addArray();
                for (int v : rle.toBbox()) {
                    box.add(v);
                }
                areas.add(rle.area());
            }
        }
        return JSON.writeValueAsString(root);
    }

    public static void writeGroundTruth(Path file, String videoName, int videoId, int width, int height, int length,
            List<MaskletFrame> frames, List<String> categoryOrder) throws IOException {
        Files.writeString(file, groundTruthJson(videoName, videoId, width, height, length, frames, categoryOrder));
    }

    private static Rle rle(MaskletObject o) {
        return Rle.fromCompressedString(o.mask().height(), o.mask().width(), o.mask().counts());
    }
}
