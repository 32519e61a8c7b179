package io.maskstream.pipeline.label;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.operators.labelling.LabelledObject;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The weak-labels file of {@code maskstream label}: JSON lines, one label per line (docs/labelling.md).
 * {@link #read} checks the syntax of every line, {@link #check} the labels against the video; both
 * report every problem with its line and field, so nothing is written from a file with a mistake.
 */
public final class WeakLabelsFile {
    /** Fields of a line; exactly one of the last four. */
    static final Set<String> FIELDS = Set.of("seq", "class", "objectId", "box", "points", "labels", "scribble", "mask");
    /** Problems reported before giving up. */
    static final int MAX_PROBLEMS = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WeakLabelsFile() {}

    /** Reads and parses {@code file}; coarse-mask PNG paths are relative to the file's folder. */
    public static List<WeakLabel> read(Path file) throws IOException, LabelsFileException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path base = file.toAbsolutePath().getParent();
        List<WeakLabel> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size() && problems.size() < MAX_PROBLEMS; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parse(line, i + 1, base));
            } catch (BadLine e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("no labels (the file is empty)");
        }
        if (!problems.isEmpty()) {
            throw new LabelsFileException(file.toString(), problems);
        }
        return out;
    }

    /**
     * Checks labels against a video of {@code frameCount} frames of {@code width} × {@code height} and
     * the class list ({@code classes} null: any class): frames exist, geometry lies in the frame, masks
     * have the frame's size, classes are listed, and each object id has one class and one label a frame.
     */
    public static void check(String file, List<WeakLabel> labels, int width, int height, long frameCount,
                             List<String> classes) throws LabelsFileException {
        List<String> problems = new ArrayList<>();
        for (WeakLabel l : labels) {
            String at = l.where() + ": ";
            if (l.seq() >= frameCount) {
                problems.add(at + "field 'seq': frame " + l.seq() + " is past the video's last frame " + (frameCount - 1));
            }
            if (classes != null && !classes.contains(l.className())) {
                problems.add(at + "field 'class': '" + l.className() + "' is not in the classes file " + classes);
            }
            switch (l.kind()) {
                case BOX -> {
                    Box b = l.box();
                    if (b.x1() < 0 || b.y1() < 0 || b.x2() > width || b.y2() > height) {
                        problems.add(at + "field 'box': " + List.of(b.x1(), b.y1(), b.x2(), b.y2())
                                + " is not inside the " + width + "x" + height + " frame");
                    }
                }
                case POINTS, SCRIBBLE -> {
                    List<PromptPoint> pts = l.kind() == WeakLabel.Kind.POINTS ? l.points() : l.scribble();
                    for (int i = 0; i < pts.size(); i++) {
                        PromptPoint p = pts.get(i);
                        if (p.x() < 0 || p.y() < 0 || p.x() >= width || p.y() >= height) {
                            problems.add(at + "field '" + l.kind().field() + "': point " + i + " (" + p.x() + ", " + p.y()
                                    + ") is outside the " + width + "x" + height + " frame");
                            break;
                        }
                    }
                }
                case MASK -> {
                    if (l.mask().width() != width || l.mask().height() != height) {
                        problems.add(at + "field 'mask': " + l.mask().width() + "x" + l.mask().height()
                                + ", the video's frames are " + width + "x" + height);
                    } else if (l.mask().isEmpty()) {
                        problems.add(at + "field 'mask': the mask is empty");
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            try {
                LabelledObject.group(labels, height, width);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new LabelsFileException(file, problems);
        }
    }

    /** One line, {@code number} (1-based) for messages. */
    static WeakLabel parse(String text, int number, Path base) throws BadLine {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadLine("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadLine("expected a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new BadLine("field '" + f + "': unknown field (known: seq, class, objectId, box, points, labels, scribble, mask)");
            }
        }
        long seq = nonNegativeInteger(root, "seq", true);
        JsonNode c = root.get("class");
        if (c == null || !c.isTextual() || c.asText().isBlank()) {
            throw new BadLine("field 'class': " + (c == null ? "missing" : "expected a non-blank string"));
        }
        Integer objectId = root.has("objectId") ? (int) nonNegativeInteger(root, "objectId", false) : null;
        List<String> kinds = new ArrayList<>();
        for (WeakLabel.Kind k : WeakLabel.Kind.values()) {
            if (root.has(k.field())) {
                kinds.add(k.field());
            }
        }
        if (kinds.size() != 1) {
            throw new BadLine(kinds.isEmpty()
                    ? "field 'box': missing; a line holds exactly one of box, points, scribble, mask"
                    : "field '" + kinds.get(1) + "': a line holds exactly one of box, points, scribble, mask; it has " + kinds);
        }
        if (root.has("labels") && !root.has("points")) {
            throw new BadLine("field 'labels': belongs to 'points'");
        }
        String cls = c.asText();
        return switch (WeakLabel.Kind.valueOf(kinds.get(0).toUpperCase(java.util.Locale.ROOT))) {
            case BOX -> new WeakLabel(number, seq, cls, objectId, WeakLabel.Kind.BOX, box(root.get("box")), null, null, null);
            case POINTS -> new WeakLabel(number, seq, cls, objectId, WeakLabel.Kind.POINTS, null,
                    points(root.get("points"), root.get("labels")), null, null);
            case SCRIBBLE -> new WeakLabel(number, seq, cls, objectId, WeakLabel.Kind.SCRIBBLE, null, null,
                    scribble(root.get("scribble")), null);
            case MASK -> new WeakLabel(number, seq, cls, objectId, WeakLabel.Kind.MASK, null, null, null,
                    mask(root.get("mask"), base));
        };
    }

    private static long nonNegativeInteger(JsonNode root, String field, boolean required) throws BadLine {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new BadLine("field '" + field + "': missing");
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || (!required && n.asLong() > Integer.MAX_VALUE) || !n.canConvertToLong()) {
            throw new BadLine("field '" + field + "': expected a non-negative integer, got " + n);
        }
        return n.asLong();
    }

    private static Box box(JsonNode n) throws BadLine {
        float[] v = numbers(n, "box", 4);
        if (v == null) {
            throw new BadLine("field 'box': expected [x1, y1, x2, y2], got " + n);
        }
        if (v[2] <= v[0] || v[3] <= v[1]) {
            throw new BadLine("field 'box': x2 must be > x1 and y2 > y1, got " + n);
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    private static List<PromptPoint> points(JsonNode n, JsonNode labels) throws BadLine {
        List<float[]> xy = vertices(n, "points", 1);
        if (labels != null && (!labels.isArray() || labels.size() != xy.size())) {
            throw new BadLine("field 'labels': expected one \"positive\" or \"negative\" per point (" + xy.size() + "), got " + labels);
        }
        List<PromptPoint> out = new ArrayList<>(xy.size());
        boolean anyPositive = false;
        for (int i = 0; i < xy.size(); i++) {
            boolean positive = true;
            if (labels != null) {
                String l = labels.get(i).isTextual() ? labels.get(i).asText() : "";
                if (!l.equals("positive") && !l.equals("negative")) {
                    throw new BadLine("field 'labels': entry " + i + " must be \"positive\" or \"negative\", got " + labels.get(i));
                }
                positive = l.equals("positive");
            }
            anyPositive |= positive;
            out.add(new PromptPoint(xy.get(i)[0], xy.get(i)[1], positive));
        }
        if (!anyPositive) {
            throw new BadLine("field 'labels': at least one point must be positive");
        }
        return out;
    }

    private static List<PromptPoint> scribble(JsonNode n) throws BadLine {
        List<PromptPoint> out = new ArrayList<>();
        for (float[] v : vertices(n, "scribble", 2)) {
            out.add(new PromptPoint(v[0], v[1], true));
        }
        return out;
    }

    private static List<float[]> vertices(JsonNode n, String field, int min) throws BadLine {
        if (n == null || !n.isArray() || n.size() < min) {
            throw new BadLine("field '" + field + "': expected an array of at least " + min + " [x, y], got " + n);
        }
        List<float[]> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            float[] v = numbers(n.get(i), field, 2);
            if (v == null) {
                throw new BadLine("field '" + field + "': entry " + i + " must be [x, y] with finite numbers, got " + n.get(i));
            }
            out.add(v);
        }
        return out;
    }

    /** {@code count} finite numbers, or null. */
    private static float[] numbers(JsonNode n, String field, int count) {
        if (n == null || !n.isArray() || n.size() != count) {
            return null;
        }
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            if (!n.get(i).isNumber() || !Double.isFinite(n.get(i).asDouble())) {
                return null;
            }
            v[i] = (float) n.get(i).asDouble();
        }
        return v;
    }

    private static Mask mask(JsonNode n, Path base) throws BadLine {
        if (n.isTextual()) {
            return png(n.asText(), base);
        }
        if (!n.isObject()) {
            throw new BadLine("field 'mask': expected a COCO RLE {\"size\": [h, w], \"counts\": \"...\"} or a PNG path, got " + n);
        }
        JsonNode size = n.get("size"), counts = n.get("counts");
        if (size == null || !size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()
                || !size.get(0).isIntegralNumber() || !size.get(1).isIntegralNumber()
                || size.get(0).asInt() <= 0 || size.get(1).asInt() <= 0) {
            throw new BadLine("field 'mask': 'size' must be [height, width] with positive integers, got " + size);
        }
        if (counts == null || !counts.isTextual() || n.size() != 2) {
            throw new BadLine("field 'mask': expected exactly 'size' and 'counts' (compressed RLE string), got " + n);
        }
        try {
            return Rle.fromCompressedString(size.get(0).asInt(), size.get(1).asInt(), counts.asText()).decode();
        } catch (RuntimeException e) {
            throw new BadLine("field 'mask': 'counts' is not a COCO RLE of " + size.get(0).asInt() + "x" + size.get(1).asInt()
                    + ": " + e.getMessage());
        }
    }

    /** A PNG whose non-zero (non-black) pixels are the mask. */
    private static Mask png(String path, Path base) throws BadLine {
        if (path.isBlank()) {
            throw new BadLine("field 'mask': empty PNG path");
        }
        Path p = base.resolve(path);
        BufferedImage img;
        try {
            img = Files.isRegularFile(p) ? ImageIO.read(p.toFile()) : null;
        } catch (IOException e) {
            throw new BadLine("field 'mask': " + p + " cannot be read: " + e.getMessage());
        }
        if (img == null) {
            throw new BadLine("field 'mask': " + p + (Files.isRegularFile(p) ? " is not an image" : " does not exist"));
        }
        Raster r = img.getRaster();
        int w = img.getWidth(), h = img.getHeight();
        byte[] px = new byte[w * h];
        int[] sample = new int[r.getNumBands()];
        // an alpha band says nothing about the mask: opaque black is background
        int colourBands = r.getNumBands() - (img.getColorModel().hasAlpha() && !(img.getColorModel()
                instanceof java.awt.image.IndexColorModel) ? 1 : 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, sample);
                for (int b = 0; b < colourBands; b++) {
                    if (sample[b] != 0) {
                        px[y * w + x] = 1;
                        break;
                    }
                }
            }
        }
        return Mask.fromRowMajor(h, w, px);
    }

    /** A line that does not parse; the message names the field. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }
}
