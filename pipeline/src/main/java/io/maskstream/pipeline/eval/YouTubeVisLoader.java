package io.maskstream.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * YouTube-VIS JSON, one video: ground truth ({@code {"videos": [...], "annotations": [...]}}) or
 * results (a list of {@code {video_id, category_id, segmentations, score}}). Each track lists one
 * segmentation (COCO RLE or null) per frame; frame index = position in that list (0-based). Ground
 * truth ids are the annotations' {@code id}; result tracks are numbered in file order, as TrackEval
 * numbers them. Scores are ignored.
 */
final class YouTubeVisLoader {

    private YouTubeVisLoader() {}

    static TrackingSequence load(Path file, boolean groundTruth, Integer videoId, Integer classId) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new EvaluationException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        JsonNode tracks = root.isArray() ? root : root.get("annotations");
        if (tracks == null || !tracks.isArray()) {
            throw new EvaluationException(file + ": expected a list of tracks or an object with \"annotations\"");
        }
        int video = selectVideo(file, root, tracks, videoId);
        int length = 0;
        JsonNode videos = root.isObject() ? root.get("videos") : null;
        if (videos != null) {
            for (JsonNode v : videos) {
                if (v.path("id").asInt() == video && v.has("length")) {
                    length = v.get("length").asInt();
                }
            }
        }

        TrackingSequence.Builder b = TrackingSequence.builder();
        b.frameCount(length);
        int ordinal = 0;
        for (JsonNode track : tracks) {
            if (track.path("video_id").asInt(video) != video) {
                continue;
            }
            int id;
            if (groundTruth && track.has("id")) {
                id = track.get("id").asInt();
            } else {
                id = ordinal;
            }
            ordinal++;
            if (classId != null && track.path("category_id").asInt() != classId) {
                continue;
            }
            JsonNode segs = track.get("segmentations");
            if (segs == null || !segs.isArray()) {
                throw new EvaluationException(file + ": track " + id + " has no \"segmentations\" list");
            }
            b.frameCount(segs.size());
            for (int t = 0; t < segs.size(); t++) {
                JsonNode s = segs.get(t);
                if (s == null || s.isNull() || (s.isObject() && s.isEmpty())) {
                    continue;
                }
                b.add(t, TrackedObject.ofMask(id, JsonRle.parse(s, file + " track " + id + " frame " + t)));
            }
        }
        return b.build();
    }

    private static int selectVideo(Path file, JsonNode root, JsonNode tracks, Integer videoId) {
        if (videoId != null) {
            return videoId;
        }
        TreeSet<Integer> ids = new TreeSet<>();
        JsonNode videos = root.isObject() ? root.get("videos") : null;
        if (videos != null) {
            for (JsonNode v : videos) {
                ids.add(v.path("id").asInt());
            }
        }
        for (JsonNode t : tracks) {
            if (t.has("video_id")) {
                ids.add(t.get("video_id").asInt());
            }
        }
        if (ids.size() > 1) {
            List<Integer> list = new ArrayList<>(ids);
            throw new EvaluationException(file + " holds videos " + list + "; choose one with --video-id");
        }
        return ids.isEmpty() ? 0 : ids.first();
    }
}
