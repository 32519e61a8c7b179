package io.maskstream.pipeline.eval;

import io.maskstream.state.geometry.InvalidRleException;
import io.maskstream.state.geometry.Rle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * MOTS Challenge txt files ({@code frame id class height width rle}, space separated, frames 1-based),
 * read with TrackEval's conventions: in ground truth, class 10 rows are ignore regions; masks within
 * a frame (ignore regions included) must not overlap, in ground truth and predictions alike.
 */
final class MotsChallengeLoader {

    static final int IGNORE_CLASS = 10;

    private MotsChallengeLoader() {}

    /** @param classId the class to evaluate, or null for every class but the ignore class */
    static TrackingSequence load(Path file, boolean groundTruth, Integer classId) {
        TreeMap<Integer, List<Rle>> allMasksByFrame = new TreeMap<>();
        TrackingSequence.Builder b = TrackingSequence.builder();
        for (TextRows.Row row : TextRows.read(file, true)) {
            if (row.fields().length < 6) {
                throw new EvaluationException(file + " line " + row.line() + ": expected 6 columns "
                        + "(frame id class height width rle), found " + row.fields().length);
            }
            int t = TextRows.frameIndex(file, row);
            int id = TextRows.integer(file, row, 1);
            int cls = TextRows.integer(file, row, 2);
            int h = TextRows.integer(file, row, 3);
            int w = TextRows.integer(file, row, 4);
            Rle mask;
            try {
                mask = Rle.fromCompressedString(h, w, row.fields()[5]);
            } catch (InvalidRleException e) {
                throw new EvaluationException(file + " line " + row.line() + ": bad RLE: " + e.getMessage(), e);
            }
            allMasksByFrame.computeIfAbsent(t, k -> new ArrayList<>()).add(mask);
            b.frameCount(t + 1);
            if (groundTruth && cls == IGNORE_CLASS) {
                b.addIgnoreRegion(t, mask);
            } else if (classId == null ? cls != IGNORE_CLASS : cls == classId) {
                b.add(t, TrackedObject.ofMask(id, mask));
            }
        }
        for (var e : allMasksByFrame.entrySet()) {
            checkNoOverlap(file, e.getKey(), e.getValue());
        }
        return b.build();
    }

    private static void checkNoOverlap(Path file, int t, List<Rle> masks) {
        Rle merged = masks.get(0);
        for (int k = 1; k < masks.size(); k++) {
            Rle m = masks.get(k);
            if (m.height() != merged.height() || m.width() != merged.width()) {
                throw new EvaluationException(file + ": masks of different sizes in frame " + (t + 1));
            }
            if (merged.intersectionArea(m) != 0) {
                throw new EvaluationException(file + ": masks overlap in frame " + (t + 1)
                        + " (MOTS requires non-overlapping masks within a frame)");
            }
            merged = Rle.merge(List.of(merged, m), false);
        }
    }
}
