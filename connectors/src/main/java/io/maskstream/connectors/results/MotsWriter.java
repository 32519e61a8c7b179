package io.maskstream.connectors.results;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes masklets as a MOTS txt file (the MOTSChallenge / KITTI MOTS format read by TrackEval's
 * {@code MOTSChallenge} dataset): one line per visible object and frame,
 *
 * <pre>frame object_id class_id img_height img_width rle</pre>
 *
 * <ul>
 *   <li>{@code frame} = seq + 1: frame numbers start at 1, as in MOTSChallenge files (change with
 *       {@link #MotsWriter(Writer, int)}).
 *   <li>{@code class_id} = {@value #CLASS_ID} (pedestrian) for every object: the only class TrackEval's
 *       MOTSChallenge evaluation scores. The concept is not in this format; it is in the
 *       YouTube-VIS file.
 *   <li>{@code object_id} = class_id × 1000 + masklet id (the MOTS convention), so masklet ids must
 *       be 1..999.
 *   <li>{@code rle} = COCO compressed RLE (pycocotools' string form) at frame size.
 * </ul>
 *
 * MOTS forbids overlapping masks (TrackEval rejects such files), so a pixel claimed by several
 * objects is kept by the highest-scoring one (ties: lower id); objects left empty are not written.
 * Lines are ordered by frame, then object id.
 */
public final class MotsWriter implements AutoCloseable {
    /** MOTS class of every written object: 2, pedestrian. */
    public static final int CLASS_ID = 2;
    public static final int MAX_OBJECT_ID = 999;

    private final Writer out;
    private final int firstFrameNumber;

    /** Frame numbers from 1. */
    public MotsWriter(Writer out) {
        this(out, 1);
    }

    /** Frame number of seq 0 is {@code firstFrameNumber} (1 for MOTSChallenge, 0 for KITTI MOTS). */
    public MotsWriter(Writer out, int firstFrameNumber) {
        this.out = out;
        this.firstFrameNumber = firstFrameNumber;
    }

    public static void write(Path file, List<MaskletFrame> frames) throws IOException {
        try (MotsWriter w = new MotsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (MaskletFrame f : frames) {
                w.write(f);
            }
        }
    }

    /** The MOTS object id of masklet {@code id}. */
    public static int motsObjectId(int id) {
        if (id < 1 || id > MAX_OBJECT_ID) {
            throw new IllegalArgumentException(
                    "MOTS object ids are class_id*1000+id, so ids must be 1.." + MAX_OBJECT_ID + ", got " + id);
        }
        return CLASS_ID * 1000 + id;
    }

    public void write(MaskletFrame frame) throws IOException {
        long frameNumber = frame.seq() + firstFrameNumber;
        List<MaskletObject> byPriority = new ArrayList<>(frame.objects());
        byPriority.sort(Comparator.comparingDouble((MaskletObject o) -> -o.score()).thenComparingInt(MaskletObject::id));
        Mask taken = null;
        List<int[]> order = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (MaskletObject o : byPriority) {
            int motsId = motsObjectId(o.id());
            Rle rle = Rle.fromCompressedString(o.mask().height(), o.mask().width(), o.mask().counts());
            if (rle.area() == 0) {
                continue;
            }
            Mask mask = rle.decode();
            if (taken == null) {
                taken = mask;
            } else if (taken.intersectionArea(mask) > 0) {
                mask = mask.andNot(taken);
                taken = taken.or(mask);
                if (mask.isEmpty()) {
                    continue;
                }
                rle = mask.toRle();
            } else {
                taken = taken.or(mask);
            }
            order.add(new int[] {o.id(), lines.size()});
            lines.add(frameNumber + " " + motsId + " " + CLASS_ID + " " + rle.height() + " " + rle.width() + " "
                    + rle.toCompressedString());
        }
        order.sort(Comparator.comparingInt(a -> a[0]));
        for (int[] o : order) {
            out.write(lines.get(o[1]));
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** For tests and tools: a writer over a {@link BufferedWriter} of {@code file}. */
    public static MotsWriter open(Path file) throws IOException {
        return new MotsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
}
