package io.maskstream.pipeline.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSources;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.results.LabelMapPng;
import io.maskstream.connectors.results.MaskletsJsonLines;
import io.maskstream.connectors.results.MotsWriter;
import io.maskstream.connectors.results.YouTubeVisWriter;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.labelling.Candidates;
import io.maskstream.operators.labelling.LabelledObject;
import io.maskstream.operators.labelling.Labeller;
import io.maskstream.operators.labelling.SemanticMaps;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.quality.ScenarioRun;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code maskstream label} run: reads the video and the labels, checks everything, labels the
 * video ({@link Labeller}) and only then writes the outputs into the output folder.
 */
public final class LabelRun {
    /** Output formats. */
    public enum Format {
        MOTS, YTVIS, PNG
    }

    /** File names in the output folder. */
    public static final String MASKLETS = "masklets.jsonl";
    public static final String MOTS_FILE = "instances.mots.txt";
    public static final String YTVIS_FILE = "instances.ytvis.json";
    public static final String MAPS_DIR = "labels";
    public static final String CLASSES_FILE = "classes.json";

    private LabelRun() {}

    /** What was written. */
    public record Summary(int frames, int objects, int classes, int rounds, List<Path> written, List<String> unusedLabels) {}

    /** The video's frames as JPEG frame records (as the replay tool sends them), seq from 0. */
    public static List<FrameRecord> readVideo(String video, String streamId) throws IOException {
        List<FrameRecord> out = new ArrayList<>();
        try (FrameSource source = FrameSources.open(video)) {
            RgbImage img;
            while ((img = source.read()) != null) {
                if (!out.isEmpty() && (img.width() != out.get(0).width() || img.height() != out.get(0).height())) {
                    throw new IOException(video + ": frame " + out.size() + " is " + img.width() + "x" + img.height()
                            + ", the first was " + out.get(0).width() + "x" + out.get(0).height());
                }
                out.add(FrameRecord.frame(streamId, out.size(), 0, out.size() * 33L, img.width(), img.height(),
                        FrameEncoding.JPEG, Images.encodeJpeg(img, ScenarioRun.JPEG_QUALITY)));
            }
        }
        if (out.isEmpty()) {
            throw new IOException(video + ": no frames");
        }
        return out;
    }

    /** A classes file: one class name a line, blank lines skipped; the order gives indices 1, 2, ... */
    public static List<String> readClasses(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String c = lines.get(i).strip();
            if (c.isEmpty()) {
                continue;
            }
            if (!seen.add(c)) {
                throw new IOException(file + ": line " + (i + 1) + ": class '" + c + "' is listed twice");
            }
            out.add(c);
        }
        if (out.isEmpty() || out.size() > SemanticMaps.MAX_CLASSES) {
            throw new IOException(file + ": expected 1.." + SemanticMaps.MAX_CLASSES + " classes, got " + out.size());
        }
        return out;
    }

    /**
     * Labels {@code frames} from the labels of {@code labelsFile} and writes {@code formats} to {@code out}.
     *
     * @param classes the class list, or null: the classes in the order the labels file first names them
     */
    public static Summary run(ModelKit kit, TrackerSettings settings, String streamId, List<FrameRecord> frames,
                              Path labelsFile, List<String> classes, Path out, Set<Format> formats, int rounds)
            throws Exception {
        List<WeakLabel> labels = WeakLabelsFile.read(labelsFile);
        int width = frames.get(0).width(), height = frames.get(0).height();
        WeakLabelsFile.check(labelsFile.toString(), labels, width, height, frames.size(), classes);
        List<String> classList = classes != null ? classes : classesOf(labels);
        if (classList.size() > SemanticMaps.MAX_CLASSES) {
            throw new LabelsFileException(labelsFile.toString(), List.of("field 'class': " + classList.size()
                    + " classes, a label map holds at most " + SemanticMaps.MAX_CLASSES));
        }
        int objects = LabelledObject.group(labels, height, width).size();
        if (formats.contains(Format.MOTS) && objects > MotsWriter.MAX_OBJECT_ID) {
            throw new LabelsFileException(labelsFile.toString(), List.of("the labels make " + objects
                    + " objects; MOTS holds at most " + MotsWriter.MAX_OBJECT_ID + " (leave out --format mots)"));
        }
        Labeller labeller = new Labeller(new StreamProcessor(kit, settings), settings, Candidates.Sampling.defaults());
        Labeller.Result result = labeller.label(streamId, frames, labels, rounds);
        return write(result, classList, out, formats, streamId, width, height, frames.size());
    }

    private static Summary write(Labeller.Result result, List<String> classList, Path out, Set<Format> formats,
                                 String streamId, int width, int height, int frameCount) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        List<MaskletFrame> frames = result.frames();
        written.add(out.resolve(MASKLETS));
        MaskletsJsonLines.write(out.resolve(MASKLETS), frames);
        if (formats.contains(Format.MOTS)) {
            written.add(out.resolve(MOTS_FILE));
            MotsWriter.write(out.resolve(MOTS_FILE), frames);
        }
        if (formats.contains(Format.YTVIS)) {
            written.add(out.resolve(YTVIS_FILE));
            YouTubeVisWriter.writeGroundTruth(out.resolve(YTVIS_FILE), streamId, 1, width, height, frameCount, frames,
                    classList);
        }
        if (formats.contains(Format.PNG)) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < classList.size(); i++) {
                index.put(classList.get(i), i + 1);
            }
            Path maps = out.resolve(MAPS_DIR);
            Files.createDirectories(maps);
            for (MaskletFrame f : frames) {
                LabelMapPng.write(maps.resolve(mapName(f.seq())), SemanticMaps.of(f, index), width, height);
            }
            written.add(maps);
            written.add(out.resolve(CLASSES_FILE));
            Files.writeString(out.resolve(CLASSES_FILE), classesJson(classList));
        }
        return new Summary(frameCount, result.objects().size(), classList.size(), result.roundsRun(), written,
                result.unusedLabels());
    }

    /** The label map file of frame {@code seq}. */
    public static String mapName(long seq) {
        return String.format("%06d.png", seq);
    }

    /** {@code {"background": 0, "unknown": 255, "classes": [{"index": 1, "name": ...}, ...]}}. */
    static String classesJson(List<String> classes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("background", SemanticMaps.BACKGROUND);
        root.put("unknown", SemanticMaps.UNKNOWN);
        var arr = root.putArray("classes");
        for (int i = 0; i < classes.size(); i++) {
            arr.addObject().put("index", i + 1).put("name", classes.get(i));
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Classes in the order of the lines that first name them. */
    static List<String> classesOf(List<WeakLabel> labels) {
        List<WeakLabel> byLine = new ArrayList<>(labels);
        byLine.sort(java.util.Comparator.comparingInt(WeakLabel::line));
        Set<String> out = new LinkedHashSet<>();
        byLine.forEach(l -> out.add(l.className()));
        return new ArrayList<>(out);
    }
}
