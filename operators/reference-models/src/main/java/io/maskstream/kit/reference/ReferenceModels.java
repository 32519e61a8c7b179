package io.maskstream.kit.reference;

import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.ModelBundle;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds the shipped reference models: small, hand-weighted ONNX graphs with the same roles and
 * tensor names as the SAM 3 detector export (vision encoder, text encoder, decoder) and the SAM 2.1
 * video tracker export (image encoder, image decoder, propagate decoder, memory attention, memory
 * encoder), at miniature sizes given by their {@code model.json}.
 *
 * <p>What they compute (all at an input of 320×240, pixels normalised to [-1, 1]):
 * <ul>
 *   <li>Concepts are colour names. The text encoder maps each token to its colour prototype (a
 *       Gather from an embedding table); special tokens map to zero.</li>
 *   <li>The detector scores every pixel by colour: logit = β·min(τ² − d², ½(d_other² − d²)), where d is
 *       the distance to the prompted prototype and d_other the distance to the nearest prototype of a
 *       different colour in a bank that also holds greys and dark shades; a morphological closing of
 *       these logits over a 5-px window keeps a textured (striped) object in one piece. It has one query
 *       slot; the manifest says instances are separated by connected components on the Java side.</li>
 *   <li>The tracker's features live on a 20×15 grid of 16×16-pixel cells (see {@link #CELL}).
 *       Memory attention is a softmax over a distance kernel between the current cells' [colour,
 *       position] and the memory cells' keys; the values are the mask coverage of each memory cell
 *       and its mask-weighted colour. The decoder upsamples the attended mask and colour to full
 *       resolution and keeps the pixels near the attended region whose colour matches it, and matches
 *       the masklet's colour anchor (below).</li>
 *   <li>Object pointers (SAM 2's per-object vectors, {@code obj_ptr} of the image decoder, {@code memory_0}
 *       of memory attention): the object's colour, a presence flag and where the object was (the centre
 *       of the pixels its colour was taken from). The caller recomputes a memory
 *       frame's pointer from the stored frame and mask by box-prompting the image decoder, so pointers
 *       are a cache like memory features. Memory attention uses them, position-free, only while the
 *       spatial memory has lost the object, and only on cells the memory cannot explain: this re-finds
 *       an object that re-appears far from where it was hidden (see {@link #memoryAttention}).
 *       Memories of frames where the object was absent (empty mask) are held back behind the others.</li>
 * </ul>
 *
 * <p>Grid choice: attention costs (cells) × (cells × memories) floats. With 7 memories, 20×15 = 300
 * cells gives 300 × 2 100 = 0.63 M floats (2.5 MB) per masklet; 32×24 (10-pixel cells) gave 4.1 M
 * (16.5 MB) and three times the propagation time on this machine, 40×30 would be 10 M and 80×60
 * 161 M (645 MB). A 16-pixel cell still resolves the 15–60 px objects of the demo scenes because the
 * decoder refines the boundary at full resolution by colour. Position enters the kernel at 0.008 nats
 * per pixel² of offset (0.8 at 10 px, 12.8 at 40 px): enough to keep a same-coloured distractor that
 * sits in memory from being attended to, weak enough to follow an object that moved ~40 px while
 * hidden; beyond that the object pointers re-find it.
 *
 * <p>Coverage is relative for a small memory: while the peak cell coverage of the masklet's memory is
 * below {@link #SMALL_PEAK_COVERAGE}, the decoder gets the attended coverage divided by that peak (by at
 * least {@link #PEAK_COVERAGE_FLOOR}). With absolute coverage an object
 * that never fills a whole cell in memory lagged: a masklet spawned on a 9-px sliver of an object
 * emerging from behind an occluder attended to cells of coverage ≈ 0.2–0.3, the upsampled coverage
 * stayed above the decoder's gates only near the sliver, and the mask stayed a sliver while the
 * object came out (the {@code mixed} scene's 19-px white square at 11 px/frame got three masklets
 * that way, spawned on the parts the lagging one did not cover). A memory that half-fills some cell
 * or more is unchanged.
 *
 * <p>Colour anchor: the attended colour is the mean colour of the recent masks, so it can drift. JPEG
 * blends an object's edge with what lies next to it; a mask that takes a few such pixels writes a
 * slightly shifted colour to memory, which admits pixels a little further off next frame, and so on:
 * in the {@code mixed} scene the blue square's mask crept over a dull purple clutter patch and then the
 * whole dark background (full frame for ≈ 70 frames), and the magenta ellipse's mask, while the ellipse
 * went behind the grey bar, became the bar's grey and then the frame. The decoder therefore anchors its
 * colour test on the first memory slot, which holds the masklet's largest conditioning frame (a prompt's
 * or a detection's clean mask; the stream processor orders them by area), if it has ≥ {@link
 * #ANCHOR_MIN_COVERAGE} of mask (a sliver spawned at the frame edge is mostly blended pixels). Seen from
 * black (colour + 1), stripes and flicker only scale an object's colour, i.e. move it along the line
 * through the anchor. (1) The reference colour of the d² test is the attended colour moved onto that
 * line, its brightness clamped to [{@link #REFERENCE_LUMA_LOW}, {@link #REFERENCE_LUMA_HIGH}]: it follows
 * the light but cannot drift to another colour. (2) A pixel must be near the line in hue ({@link
 * #ANCHOR_HUE_TAU2}: the offset away from both the line and the grey axis; JPEG blurs an object's edges
 * towards the grey-ish background, not in hue) and in all chroma ({@link #ANCHOR_CHROMA_TAU2}), at a
 * brightness within [{@link #ANCHOR_LUMA_LOW}, {@link #ANCHOR_LUMA_HIGH}]. The plain distance could not
 * tell striped yellow from orange (within {@link #TRACK_TAU2}: a yellow masklet took the orange diamond);
 * their hues differ by ≈ 0.26, 40× an object's own spread. (3) Hue and saturation (≥ {@link
 * #ANCHOR_SATURATION_SHARE} of the anchor's distance from the grey axis) are tested from any first slot,
 * even a sliver's: blending with the grey-ish background keeps hue and only lowers saturation, and a
 * hidden object's conditioning frames (re-prompts) are slivers, next to a bar that has none.
 * A masklet whose object is hidden thus loses its mask (object score low) instead of taking the
 * occluder. Memory attention hands the anchor to the decoder in channel 4 of {@code fused_feat},
 * which carried nothing: cells 0–2 the colour, cell 3 the slot's total mask coverage.
 *
 * <p>Pointer constants: a pointer must match a cell {@link #POINTER_PENALTY} (6) nats better than the
 * best memory match before it takes the cell (a same-coloured object at the place the memory saw it
 * stays "not this object"); pointers fade over {@link #POINTER_HORIZON} (36) frames, about a second.
 * A pointer only takes cells within reach of where the object was last seen (see {@link #withinReach}):
 * a same-coloured object that drifted away from where the lost masklet's frozen memory saw it is no
 * longer taken when it is further than the lost object can have gone; one within that reach still can be.
 */
public final class ReferenceModels {
    public static final int INPUT_WIDTH = 320;
    public static final int INPUT_HEIGHT = 240;
    /** Tracker feature cell, pixels. */
    public static final int CELL = 16;
    public static final int GRID_WIDTH = INPUT_WIDTH / CELL;
    public static final int GRID_HEIGHT = INPUT_HEIGHT / CELL;
    /** Length of the tokenizer context, as in SAM 3's CLIP tokenizer. */
    public static final int CONTEXT_LENGTH = 32;

    /** The colour concepts the reference detector knows, with the RGB each is drawn in. */
    public static final Map<String, int[]> CONCEPT_COLOURS;

    /** Other colours the detector compares against (greys, dark shades): never a concept. */
    private static final int[][] DISTRACTOR_COLOURS = {
        {0, 0, 0}, {40, 40, 40}, {80, 80, 80}, {128, 128, 128}, {180, 180, 180},
        {110, 25, 25}, {25, 90, 25}, {25, 35, 110}, {110, 100, 25}, {25, 95, 100}, {100, 25, 100},
        {120, 75, 35},
    };

    static {
        // One palette for the scenes that draw objects and the detector that finds them.
        Map<String, int[]> c = new LinkedHashMap<>();
        for (io.maskstream.kit.reference.NamedColour colour : io.maskstream.kit.reference.NamedColour.values()) {
            c.put(colour.concept(), new int[] {colour.red(), colour.green(), colour.blue()});
        }
        CONCEPT_COLOURS = Collections.unmodifiableMap(c);
    }

    /** Number of special tokens (pad, bos, eos) before the colour words in the vocabulary. */
    static final int SPECIAL_TOKENS = 3;

    // Detector colour kernel (normalised pixel space, where channel values span [-1, 1]).
    static final float DET_TAU2 = 0.36f;
    static final float DET_BETA = 20f;
    /**
     * Side of the closing window over the detector's logits, pixels: closes the ≈ 2–3 px stripes of a
     * textured object (see {@link #closing}); two same-coloured objects closer than this merge.
     */
    static final int DET_CLOSING = 5;
    // Tracker.
    static final float POSITION_SCALE = 0.32f; // per cell; (0.32 / 16 px)² / T = 0.008 nats per pixel²
    static final float ATTENTION_TEMPERATURE = 0.05f;
    static final float TRACK_TAU2 = 0.36f;
    static final float TRACK_BETA = 20f;
    /**
     * Anchor hue kernel: squared offset (normalised space) of a pixel from the line through black and the
     * masklet's conditioning colour, along the direction away from both that line and the grey axis. An
     * object's own pixels lie within 0.007 (99 %; stripes, flicker, noise and JPEG move them along the line
     * or towards grey), yellow ≈ 0.26 off orange's line and orange off yellow's, other concept pairs more.
     */
    static final float ANCHOR_HUE_TAU2 = 0.05f;
    /**
     * Anchor chroma kernel: the whole squared offset from that line. JPEG puts ≈ 1–5 % of an object's
     * pixels (its edges) beyond 0.2; a dull patch of the object's hue (desaturated green next to green)
     * lies ≈ 0.3–0.4 off it and must not become the object colour's darker end.
     */
    static final float ANCHOR_CHROMA_TAU2 = 0.3f;
    /**
     * Total cell coverage (in cells of 256 px) the first memory slot needs to anchor the colour: ≈ 50 px.
     * A sliver's pixels are mostly JPEG blends with the background; anchored on one, a green masklet took
     * dull green clutter. Below it the decoder tests the attended colour only, as before the anchor.
     */
    static final float ANCHOR_MIN_COVERAGE = 0.2f;
    /**
     * Share of the anchor's saturation (distance from the grey axis) a pixel keeps at least: an edge pixel
     * half blended with the background still passes (the d² test already wants ≈ 60 % object), the grey
     * bar and dull clutter (HSV saturation ≤ 0.35) do not.
     */
    static final float ANCHOR_SATURATION_SHARE = 0.5f;
    /** Slack of that test (normalised²): white's pixels are exactly grey, its anchor a little tinted by blending. */
    static final float ANCHOR_SATURATION_MARGIN = 0.05f;
    /** Brightness band (along the anchor's line, 1 = the conditioning colour) of the decoder's reference colour. */
    static final float REFERENCE_LUMA_LOW = 0.9f;
    static final float REFERENCE_LUMA_HIGH = 1.1f;
    /**
     * Brightness band of a pixel along the anchor's line. An object's own pixels lie at 0.73–1.2 (stripes
     * ×0.85, flicker ×0.9, noise); clutter is at most half as bright as a concept colour.
     */
    static final float ANCHOR_LUMA_LOW = 0.65f;
    static final float ANCHOR_LUMA_HIGH = 1.5f;
    /** Slope of the brightness test against the chroma test's (a brightness step of 0.1 weighs 0.05). */
    static final float ANCHOR_LUMA_GAIN = 0.5f;
    static final float GATE_GAIN = 40f;
    static final float[] GATE_THRESHOLDS = {0.05f, 0.12f, 0.25f};
    static final float WIDE_GATE = 0.02f;
    static final float POINT_RADIUS = 40f;
    static final int MEMORY_SLOTS = 7;
    /** Total cell coverage below which a memory counts as a frame where the object was absent. */
    static final float ABSENT_COVERAGE = 1e-3f;
    /** Score given to the cells of such a memory: below any memory that holds the object, above padding. */
    static final float ABSENT_PENALTY = 1e4f;
    /** Object pointers per masklet the memory attention takes (SAM 2: max_obj_ptrs_in_encoder = 16). */
    static final int POINTER_SLOTS = 16;
    /** Nats a pointer match costs against an equally good memory match: memory explains a cell first. */
    static final float POINTER_PENALTY = 6f;
    /** Largest colour-consistent attended coverage at which the spatial memory counts as having lost its object. */
    static final float LOST_COVERAGE = 0.05f;
    /** Colour distance² scale of the lost test: how far a cell's colour may be from the attended colour. */
    static final float LOST_COLOUR_TAU2 = 0.5f;
    /** Frames over which an object pointer's weight fades to zero. */
    static final float POINTER_HORIZON = 36f;
    /**
     * The attended coverage is divided by the memory's peak cell coverage, but by no less than this (at
     * most ×4): an object that never fills a whole 16-px cell in memory (a sliver emerging from behind
     * an occluder, a small object straddling cell borders) must still reach the decoder's gates where
     * it now fills cells its memory saw only partly covered (see the class comment).
     */
    static final float PEAK_COVERAGE_FLOOR = 0.25f;
    /**
     * Peak memory coverage from which the attended coverage is passed on unscaled. Scaling every memory
     * (a 20-px disc peaks at ≈ 0.6–0.9) let masklets without detection-guided re-prompts grow over
     * similar colours, ring by ring (sam3-release: occlusion 0.855 → 0.812, scale 0.717 → 0.658).
     */
    static final float SMALL_PEAK_COVERAGE = 0.5f;
    /**
     * Object pointer width: colour (3), presence (1), and the centre (x, y, pixels) of the pixels the
     * colour was taken from, so memory attention knows where the object was on the pointer's frame.
     */
    static final int POINTER_CHANNELS = 6;
    /** Pixels a lost object may be from where it was last seen before any motion is allowed for (object size, cell quantisation). */
    static final float REACH_MARGIN = 32f;
    /** Factor on the object's mean speed over its pointers' frames for the reach of a lost object. */
    static final float REACH_SPEED_FACTOR = 1.5f;
    /** Pixels per frame a lost object may move on top of its own mean speed (a start, a bounce). */
    static final float REACH_SPEED_SLACK = 1f;
    /** Cap on a pointer's score above the best memory match (keeps exp finite). */
    static final float POINTER_SCORE_CAP = 60f;
    /** Attention scores are floored this many nats below their row's best: e^-60 is negligible, never subnormal. */
    static final float ATTENTION_SCORE_RANGE = 60f;
    /** Memory feature channels: key colour (3), key position (2), coverage (1), coverage × colour (3). */
    static final int MEMORY_CHANNELS = 9;
    /** Current-frame key channels: colour (3) + position (2). */
    static final int KEY_CHANNELS = 5;

    private ReferenceModels() {}

    private static Path builtDir;

    /** The reference models opened as a plain manifest bundle, built once per JVM into a temporary directory. */
    public static ModelBundle bundle(InferenceSettings settings) {
        return ModelBundle.open(directory(), settings);
    }

    /** The directory {@link #bundle} opens: {@link #build} written once per JVM. */
    public static synchronized Path directory() {
        if (builtDir == null) {
            try {
                Path dir = Files.createTempDirectory("maskstream-reference-models");
                build(dir);
                builtDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the reference models", e);
            }
        }
        return builtDir;
    }

    /**
     * The pixels a memory entry's mask covers, from the memory encoder's coverage channel (channel 5 of
     * {@code maskmem_features}: per cell the mean of the mask over the cell's pixels, exact in float).
     */
    static double memoryArea(MemoryFeatures memory) {
        float[] f = memory.features().data();
        int cells = GRID_WIDTH * GRID_HEIGHT;
        double sum = 0;
        for (int i = 5 * cells; i < 6 * cells; i++) {
            sum += f[i];
        }
        return sum * CELL * CELL;
    }

    /** Writes the eight ONNX files and {@code model.json} into {@code dir} (created if absent). */
    public static void build(Path dir) {
        try {
            Files.createDirectories(dir);
            textEncoder(dir.resolve("text_encoder.onnx"));
            visionEncoder(dir.resolve("vision_encoder.onnx"), true);
            detectorDecoder(dir.resolve("decoder.onnx"), true);
            imageEncoder(dir.resolve("image_encoder.onnx"));
            imageDecoder(dir.resolve("image_decoder.onnx"));
            propagateDecoder(dir.resolve("video_decoder_propagate.onnx"));
            memoryAttention(dir.resolve("memory_attention.onnx"));
            memoryEncoder(dir.resolve("memory_encoder.onnx"));
            try (InputStream in = ReferenceModels.class.getResourceAsStream("model.json")) {
                if (in == null) {
                    throw new IllegalStateException("reference model.json missing from the class path");
                }
                Files.copy(in, dir.resolve("model.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reference models to " + dir, e);
        }
    }

    /**
     * The detector's two graphs with a dynamic batch axis over frames (same concept for every frame), as
     * {@link #build} ships them. Files {@code vision_encoder.onnx} and {@code decoder.onnx} in {@code dir}.
     */
    static void buildBatchedDetector(Path dir) {
        buildDetector(dir, true);
    }

    /**
     * The detector's two graphs with a batch of one (the layout before the batch axis; a manifest for them
     * has no {@code batchAxis}): kept to show that the batch axis changed no detection.
     */
    static void buildDetectorWithoutBatchAxis(Path dir) {
        buildDetector(dir, false);
    }

    private static void buildDetector(Path dir, boolean batch) {
        try {
            Files.createDirectories(dir);
            visionEncoder(dir.resolve("vision_encoder.onnx"), batch);
            detectorDecoder(dir.resolve("decoder.onnx"), batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the detector to " + dir, e);
        }
    }

    static float normalise(int channel) {
        return channel / 127.5f - 1f;
    }

    // ---------------------------------------------------------------- concept detector (SAM 3 layout)

    private static void textEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_text_encoder");
        ONNXRef<?> ids = g.input("input_ids", DataType.INT64, GraphBuilder.DYNAMIC, CONTEXT_LENGTH);
        ONNXRef<?> attention = g.input("attention_mask", DataType.INT64, GraphBuilder.DYNAMIC, CONTEXT_LENGTH);
        int vocab = SPECIAL_TOKENS + CONCEPT_COLOURS.size();
        float[] table = new float[vocab * 3];
        int row = SPECIAL_TOKENS;
        for (int[] rgb : CONCEPT_COLOURS.values()) {
            for (int c = 0; c < 3; c++) {
                table[row * 3 + c] = normalise(rgb[c]);
            }
            row++;
        }
        ONNXRef<?> embedded = g.op(OnnxOp.GATHER, java.util.Map.of("axis", 0), g.tensor(table, vocab, 3), ids);
        ONNXRef<?> maskF = g.asFloat(attention);
        ONNXRef<?> features = g.mul(embedded, g.op(OnnxOp.RESHAPE, maskF, g.longs(0, CONTEXT_LENGTH, 1)));
        g.floatOutput(features, "text_features", GraphBuilder.DYNAMIC, CONTEXT_LENGTH, 3);
        g.output(g.cast(attention, DataType.BOOL), "text_mask", DataType.BOOL, GraphBuilder.DYNAMIC, CONTEXT_LENGTH);
        g.write(file);
    }

    private static void visionEncoder(Path file, boolean batch) throws IOException {
        long n = batch ? GraphBuilder.DYNAMIC : 1;
        GraphBuilder g = new GraphBuilder("reference_vision_encoder");
        ONNXRef<?> images = g.floatInput("images", n, 3, INPUT_HEIGHT, INPUT_WIDTH);
        g.floatOutput(g.mul(images, 1f), "fpn_feat_0", n, 3, INPUT_HEIGHT, INPUT_WIDTH);
        g.floatOutput(avgPool(g, images, 2), "fpn_feat_1", n, 3, INPUT_HEIGHT / 2, INPUT_WIDTH / 2);
        g.floatOutput(avgPool(g, images, 4), "fpn_feat_2", n, 3, INPUT_HEIGHT / 4, INPUT_WIDTH / 4);
        int h = INPUT_HEIGHT / 4, w = INPUT_WIDTH / 4;
        float[] pos = new float[2 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pos[y * w + x] = (x + 0.5f) / w;
                pos[h * w + y * w + x] = (y + 0.5f) / h;
            }
        }
        g.floatOutput(g.tensor(pos, 1, 2, h, w), "fpn_pos_2", 1, 2, h, w);
        g.write(file);
    }

    private static ONNXRef<?> avgPool(GraphBuilder g, ONNXRef<?> x, int k) {
        return g.op(OnnxOp.AVERAGE_POOL, Map.of("kernel_shape", new int[] {k, k}, "strides", new int[] {k, k}), x);
    }

    private static void detectorDecoder(Path file, boolean batch) throws IOException {
        long n = batch ? GraphBuilder.DYNAMIC : 1;
        int pixelAxis = batch ? 1 : 0; // the channel axis of x: [3, HW], or [B, 3, HW] with a batch axis
        GraphBuilder g = new GraphBuilder("reference_detector_decoder");
        int hw = INPUT_HEIGHT * INPUT_WIDTH;
        ONNXRef<?> fpn0 = g.floatInput("fpn_feat_0", n, 3, INPUT_HEIGHT, INPUT_WIDTH);
        ONNXRef<?> fpn1 = g.floatInput("fpn_feat_1", n, 3, INPUT_HEIGHT / 2, INPUT_WIDTH / 2);
        ONNXRef<?> fpn2 = g.floatInput("fpn_feat_2", n, 3, INPUT_HEIGHT / 4, INPUT_WIDTH / 4);
        ONNXRef<?> pos2 = g.floatInput("fpn_pos_2", 1, 2, INPUT_HEIGHT / 4, INPUT_WIDTH / 4);
        ONNXRef<?> text = g.floatInput("prompt_features", 1, CONTEXT_LENGTH, 3);
        ONNXRef<?> textMask = g.input("prompt_mask", DataType.BOOL, 1, CONTEXT_LENGTH);

        // The prompt prototype: masked sum over tokens (special tokens embed to zero).
        ONNXRef<?> maskF = g.reshape(g.asFloat(textMask), 1, CONTEXT_LENGTH, 1);
        ONNXRef<?> proto = g.reduceSum(g.mul(text, maskF), false, 1); // [1,3]

        ONNXRef<?> x = batch ? g.reshape(fpn0, 0, 3, hw) : g.reshape(fpn0, 3, hw);
        ONNXRef<?> xx = g.reduceSum(g.square(x), true, pixelAxis); // [(B,)1,HW]
        // d_c² = ‖x‖² − 2 p·x + ‖p‖²
        ONNXRef<?> pp = g.reduceSum(g.square(proto), true, 1); // [1,1]
        ONNXRef<?> dc2 = g.add(g.sub(xx, g.mul(g.matmul(proto, x), 2f)), pp); // [1,HW]

        // Distances to the bank; bank entries equal to the prompt are pushed out of the way.
        int k = CONCEPT_COLOURS.size() + DISTRACTOR_COLOURS.length;
        float[] bank = new float[k * 3];
        float[] bankNorm = new float[k];
        int i = 0;
        for (int[] rgb : CONCEPT_COLOURS.values()) {
            i = putBank(bank, bankNorm, i, rgb);
        }
        for (int[] rgb : DISTRACTOR_COLOURS) {
            i = putBank(bank, bankNorm, i, rgb);
        }
        ONNXRef<?> b = g.tensor(bank, k, 3);
        ONNXRef<?> dk2 = g.add(g.sub(xx, g.mul(g.matmul(b, x), 2f)), g.tensor(bankNorm, k, 1)); // [K,HW]
        ONNXRef<?> toProto = g.reduceSum(g.square(g.sub(b, proto)), true, 1); // [K,1]
        ONNXRef<?> same = g.asFloat(g.op(OnnxOp.LESS, toProto, g.scalar(0.01f)));
        ONNXRef<?> other = g.reduce(OnnxOp.REDUCE_MIN, g.add(dk2, g.mul(same, 100f)), true, pixelAxis); // [(B,)1,HW]

        ONNXRef<?> absolute = g.sub(g.scalar(DET_TAU2), dc2);
        ONNXRef<?> relative = g.mul(g.sub(other, dc2), 0.5f);
        ONNXRef<?> logits = closing(g, g.mul(g.op(OnnxOp.MIN, absolute, relative), DET_BETA), n);
        // The coarser pyramid levels and the position map are part of the contract but not needed here;
        // a zero-weighted term keeps them genuine inputs of the graph.
        ONNXRef<?> unused = g.mul(g.add(g.add(g.reduceSum(fpn1, false), g.reduceSum(fpn2, false)),
                g.reduceSum(pos2, false)), 0f);
        logits = g.add(logits, unused);
        g.floatOutput(g.reshape(logits, batch ? 0 : 1, 1, INPUT_HEIGHT, INPUT_WIDTH), "pred_masks", n, 1, INPUT_HEIGHT,
                INPUT_WIDTH);
        ONNXRef<?> presence = batch ? g.reshape(g.reduce(OnnxOp.REDUCE_MAX, logits, false, 1, 2), -1, 1)
                : g.reduce(OnnxOp.REDUCE_MAX, logits, true, 0, 1); // [B,1]
        g.floatOutput(presence, "presence_logits", n, 1);
        g.floatOutput(g.mul(presence, 1f), "pred_logits", n, 1);
        g.floatOutput(g.tensor(new float[] {0f, 0f, 1f, 1f}, 1, 1, 4), "pred_boxes", 1, 1, 4);
        g.write(file);
    }

    /**
     * Morphological closing of the per-pixel logits over a {@link #DET_CLOSING} square (dilation = max
     * over the window, then erosion = min over it): fills gaps narrower than the window inside an object
     * and leaves a convex outline where it was. Without it the texture stripes of a white object, whose
     * 85 % shade lies nearer the light-grey prototype than white, cut its mask into diagonal bands, and
     * each band became an instance of its own. Returns the logits in the layout they came in.
     */
    private static ONNXRef<?> closing(GraphBuilder g, ONNXRef<?> logits, long n) {
        int r = DET_CLOSING / 2;
        Map<String, Object> window = Map.of("kernel_shape", new int[] {DET_CLOSING, DET_CLOSING},
                "strides", new int[] {1, 1}, "pads", new int[] {r, r, r, r});
        ONNXRef<?> image = g.reshape(logits, -1, 1, INPUT_HEIGHT, INPUT_WIDTH); // [N,1,H,W]
        ONNXRef<?> dilated = g.op(OnnxOp.MAX_POOL, window, image);
        ONNXRef<?> closed = g.mul(g.op(OnnxOp.MAX_POOL, window, g.mul(dilated, -1f)), -1f);
        return n == 1 ? g.reshape(closed, 1, INPUT_HEIGHT * INPUT_WIDTH)
                : g.reshape(closed, -1, 1, INPUT_HEIGHT * INPUT_WIDTH);
    }

    private static int putBank(float[] bank, float[] norm, int i, int[] rgb) {
        float n = 0;
        for (int c = 0; c < 3; c++) {
            float v = normalise(rgb[c]);
            bank[i * 3 + c] = v;
            n += v * v;
        }
        norm[i] = n;
        return i + 1;
    }

    // ---------------------------------------------------------------- tracker (SAM 2.1 layout)

    private static final int GRID_CELLS = GRID_WIDTH * GRID_HEIGHT;
    private static final int CELL_PIXELS = CELL * CELL;
    private static final int PIXELS = INPUT_WIDTH * INPUT_HEIGHT;

    /** [cells, 1, channels] position encoding with the (scaled) cell centre in channels 3 and 4. */
    private static float[] cellPositions(int channels) {
        float[] pos = new float[GRID_CELLS * channels];
        for (int y = 0; y < GRID_HEIGHT; y++) {
            for (int x = 0; x < GRID_WIDTH; x++) {
                int cell = y * GRID_WIDTH + x;
                pos[cell * channels + 3] = POSITION_SCALE * (x + 0.5f);
                pos[cell * channels + 4] = POSITION_SCALE * (y + 0.5f);
            }
        }
        return pos;
    }

    private static void imageEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_image_encoder");
        ONNXRef<?> input = g.floatInput("input", 1, 3, INPUT_HEIGHT, INPUT_WIDTH);
        ONNXRef<?> cellMean = avgPool(g, input, CELL); // [1,3,gh,gw]
        float[] pos = new float[2 * GRID_CELLS];
        for (int y = 0; y < GRID_HEIGHT; y++) {
            for (int x = 0; x < GRID_WIDTH; x++) {
                pos[y * GRID_WIDTH + x] = POSITION_SCALE * (x + 0.5f);
                pos[GRID_CELLS + y * GRID_WIDTH + x] = POSITION_SCALE * (y + 0.5f);
            }
        }
        ONNXRef<?> embed = g.concat(1, cellMean, g.tensor(pos, 1, 2, GRID_HEIGHT, GRID_WIDTH));
        g.floatOutput(embed, "image_embeddings", 1, KEY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        g.floatOutput(g.mul(input, 1f), "high_res_features1", 1, 3, INPUT_HEIGHT, INPUT_WIDTH);
        g.floatOutput(avgPool(g, input, 2), "high_res_features2", 1, 3, INPUT_HEIGHT / 2, INPUT_WIDTH / 2);
        ONNXRef<?> blocks = g.op(OnnxOp.SPACE_TO_DEPTH, Map.of("blocksize", CELL), input);
        g.floatOutput(blocks, "current_vision_feat", 1, 3 * CELL_PIXELS, GRID_HEIGHT, GRID_WIDTH);
        g.floatOutput(g.tensor(cellPositions(KEY_CHANNELS), GRID_CELLS, 1, KEY_CHANNELS), "vision_pos_embed",
                GRID_CELLS, 1, KEY_CHANNELS);
        g.write(file);
    }

    /** Mean colour per cell from the space-to-depth features: [1, 3, gh, gw]. */
    private static ONNXRef<?> cellColour(GraphBuilder g, ONNXRef<?> blocks) {
        ONNXRef<?> split = g.reshape(blocks, 1, CELL_PIXELS, 3, GRID_HEIGHT, GRID_WIDTH);
        return g.reduce(OnnxOp.REDUCE_MEAN, split, false, 1);
    }

    private static void memoryEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_memory_encoder");
        ONNXRef<?> mask = g.floatInput("mask_for_mem", 1, 1, INPUT_HEIGHT, INPUT_WIDTH);
        ONNXRef<?> pix = g.floatInput("pix_feat", 1, 3 * CELL_PIXELS, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> maskBlocks = g.op(OnnxOp.SPACE_TO_DEPTH, Map.of("blocksize", CELL), mask); // [1,100,gh,gw]
        ONNXRef<?> coverage = g.reduce(OnnxOp.REDUCE_MEAN, maskBlocks, true, 1); // [1,1,gh,gw]
        ONNXRef<?> colour = cellColour(g, pix); // [1,3,gh,gw]
        ONNXRef<?> split = g.reshape(pix, 1, CELL_PIXELS, 3, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> maskSplit = g.reshape(maskBlocks, 1, CELL_PIXELS, 1, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> maskedColour = g.reduce(OnnxOp.REDUCE_MEAN, g.mul(split, maskSplit), false, 1); // [1,3,gh,gw]
        ONNXRef<?> zeros = g.tensor(new float[2 * GRID_CELLS], 1, 2, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> features = g.concat(1, g.concat(1, g.concat(1, colour, zeros), coverage), maskedColour);
        g.floatOutput(features, "maskmem_features", 1, MEMORY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        g.floatOutput(g.tensor(cellPositions(MEMORY_CHANNELS), GRID_CELLS, 1, MEMORY_CHANNELS), "maskmem_pos_enc",
                GRID_CELLS, 1, MEMORY_CHANNELS);
        g.floatOutput(g.tensor(new float[MEMORY_SLOTS * MEMORY_CHANNELS], MEMORY_SLOTS, 1, 1, MEMORY_CHANNELS),
                "temporal_code", MEMORY_SLOTS, 1, 1, MEMORY_CHANNELS);
        g.write(file);
    }

    /** Score given to padded memory slots: far below any real score, so their softmax weight is exactly 0. */
    static final float PADDING_PENALTY = 1e9f;

    /**
     * Batched over masklets: memory {@code [B, S, 9, gh, gw]} (S slots, padded), its position encoding
     * {@code [B, S·cells, 1, 9]}, {@code memory_valid [B, S]} (1 real, 0 padding), object pointers
     * {@code memory_0 [B, 16, 5]} with their ages {@code obj_ptr_offsets [B, 16]} (frames between the
     * pointer's frame and the current one; padding pointers are all zero); the current frame is shared
     * (batch 1). Every masklet attends to its own memory and pointers only, and every row of every
     * product has the same length whatever B is, so a masklet's output does not depend on the other
     * masklets in the batch.
     *
     * <p>Spatial memory: softmax attention over a distance kernel between the current cells' [colour,
     * position] and the memory cells' keys; the values are each memory cell's mask coverage and
     * coverage × colour. The kernel's position term keeps a same-coloured object that sits in memory
     * (as "not this object") from being attended to — and also stops the memory from re-finding the
     * object where it re-appears far from where it was last seen.
     *
     * <p>Object pointers (SAM 2's per-object vectors, here the object's colour with a presence flag):
     * tokens with no position, so they re-find the object anywhere. A current cell weighs a pointer
     * against its best memory match: weight e^(s_ptr − s_best) with s_ptr = −‖colour − pointer‖²/T −
     * {@link #POINTER_PENALTY}, so a cell that the memory explains (the same colour was there before,
     * as object or as not-object) stays with the memory and only a cell the memory cannot explain
     * (an object that moved while hidden) goes to the pointer. Pointers only act while the spatial
     * memory has lost the object (no current cell attends to a coverage above {@link #LOST_COVERAGE}),
     * so a tracked object never annexes a same-coloured newcomer; and a pointer's weight fades
     * linearly to zero over {@link #POINTER_HORIZON} frames of age, so an object that left long ago
     * does not take the identity of a new one of the same colour. A pointer also only weighs on the cells
     * within reach of where the object was last seen, given its own speed ({@link #withinReach}).
     *
     * <p>Output channels: attended coverage, attended coverage × colour, and in channel 4 the colour
     * anchor (the first slot's mask-weighted colour in cells 0–2, its total coverage in cell 3).
     */
    private static void memoryAttention(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_memory_attention");
        long dyn = GraphBuilder.DYNAMIC;
        ONNXRef<?> current = g.floatInput("current_vision_feat", 1, 3 * CELL_PIXELS, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> currentPos = g.floatInput("current_vision_pos_embed", GRID_CELLS, 1, KEY_CHANNELS);
        ONNXRef<?> pointers = g.floatInput("memory_0", dyn, POINTER_SLOTS, POINTER_CHANNELS);
        ONNXRef<?> pointerOffsets = g.floatInput("obj_ptr_offsets", dyn, POINTER_SLOTS);
        ONNXRef<?> memory = g.floatInput("memory_1", dyn, dyn, MEMORY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> memoryPos = g.floatInput("memory_pos_embed", dyn, dyn, 1, MEMORY_CHANNELS);
        ONNXRef<?> valid = g.floatInput("memory_valid", dyn, dyn);

        // Queries [cells, 5]: colour in channels 0..2 plus the position encoding (shared by the batch).
        ONNXRef<?> colour = g.transpose(g.reshape(cellColour(g, current), 3, GRID_CELLS), 1, 0); // [L,3]
        float[] widen = new float[3 * KEY_CHANNELS];
        for (int c = 0; c < 3; c++) {
            widen[c * KEY_CHANNELS + c] = 1f;
        }
        ONNXRef<?> pos = g.reshape(currentPos, GRID_CELLS, KEY_CHANNELS);
        ONNXRef<?> q = g.add(g.matmul(colour, g.tensor(widen, 3, KEY_CHANNELS)), pos);

        // Memory tokens [B, S·cells, 9] = features + position encoding (+ temporal code, added by the caller).
        ONNXRef<?> tokens = g.reshape(g.transpose(memory, 0, 1, 3, 4, 2), 0, -1, MEMORY_CHANNELS);
        tokens = g.add(tokens, g.reshape(memoryPos, 0, -1, MEMORY_CHANNELS));
        float[] keySel = new float[MEMORY_CHANNELS * KEY_CHANNELS];
        for (int c = 0; c < KEY_CHANNELS; c++) {
            keySel[c * KEY_CHANNELS + c] = 1f;
        }
        float[] valueSel = new float[MEMORY_CHANNELS * KEY_CHANNELS];
        for (int c = 0; c < 4; c++) {
            valueSel[(KEY_CHANNELS + c) * KEY_CHANNELS + c] = 1f;
        }
        ONNXRef<?> keys = g.matmul(tokens, g.tensor(keySel, MEMORY_CHANNELS, KEY_CHANNELS)); // [B,M,5]
        ONNXRef<?> values = g.matmul(tokens, g.tensor(valueSel, MEMORY_CHANNELS, KEY_CHANNELS)); // [B,M,5]
        // −‖q − k‖²/T up to a per-query constant: (2/T) q·k − ‖k‖²/T, as one MatMul of augmented operands
        // q' = [(2/T) q, −1] and k' = [k, ‖k‖²/T + padding penalty], so the [B, cells, memory cells] matrix
        // is written once by the MatMul and read once by the Softmax (and once by the ReduceMax below).
        ONNXRef<?> keyNorm = g.mul(g.reduceSum(g.square(keys), true, 2), 1f / ATTENTION_TEMPERATURE); // [B,M,1]
        float[] ones = new float[GRID_CELLS];
        java.util.Arrays.fill(ones, 1f);
        ONNXRef<?> padding = g.mul(g.reshape(g.mul(g.reshape(g.sub(g.scalar(1f), valid), 0, -1, 1),
                g.tensor(ones, 1, GRID_CELLS)), 0, -1, 1), PADDING_PENALTY); // [B,M,1]
        keyNorm = g.add(keyNorm, padding);
        // A memory of a frame where the object was absent (empty mask: no coverage anywhere) says nothing
        // about where the object is not (SAM 2 marks such memories with its no-object embedding): its cells
        // are held back behind every memory that holds the object, so a same-coloured region it shows is
        // not explained away as "not this object" — otherwise an object that re-appeared on the previous
        // frame, unrecognised, could never be re-found.
        ONNXRef<?> slotCoverage = g.reduceSum(g.reshape(g.op(OnnxOp.SLICE, memory, g.longs(KEY_CHANNELS),
                g.longs(KEY_CHANNELS + 1), g.longs(2)), 0, 0, -1), false, 2); // [B,S]
        ONNXRef<?> absent = g.asFloat(g.op(OnnxOp.LESS, slotCoverage, g.scalar(ABSENT_COVERAGE)));
        ONNXRef<?> absentPenalty = g.mul(g.reshape(g.mul(g.reshape(absent, 0, -1, 1),
                g.tensor(ones, 1, GRID_CELLS)), 0, -1, 1), ABSENT_PENALTY); // [B,M,1]
        keyNorm = g.add(keyNorm, absentPenalty);
        ONNXRef<?> augmentedKeys = g.concat(2, keys, keyNorm); // [B,M,6]
        float[] minusOne = new float[GRID_CELLS];
        java.util.Arrays.fill(minusOne, -1f);
        ONNXRef<?> augmentedQueries = g.concat(1, g.mul(q, 2f / ATTENTION_TEMPERATURE),
                g.tensor(minusOne, GRID_CELLS, 1)); // [L,6]
        ONNXRef<?> scores = g.matmul(augmentedQueries, g.transpose(augmentedKeys, 0, 2, 1)); // [B,L,M]
        // Scores more than ATTENTION_SCORE_RANGE below their row's best are raised to that floor: their
        // weight stays negligible (e^-60), but no softmax weight and no product with a weight becomes a
        // subnormal float. x86 computes subnormals many times slower, and ONNX Runtime flushes them only on
        // its own pool threads, not on the Flink task thread that runs the model.
        ONNXRef<?> bestScore = g.reduce(OnnxOp.REDUCE_MAX, scores, true, 2); // [B,L,1]
        ONNXRef<?> flooredScores = g.op(OnnxOp.MAX, scores, g.sub(bestScore, g.scalar(ATTENTION_SCORE_RANGE)));
        ONNXRef<?> attention = g.op(OnnxOp.SOFTMAX, Map.of("axis", 2), flooredScores);
        ONNXRef<?> fused = g.matmul(attention, values); // [B,L,5]: coverage, coverage×colour, 0
        // The memory's peak cell coverage [B,1,1] (padding and absent slots hold none): the attended
        // coverage is handed to the decoder relative to it (see PEAK_COVERAGE_FLOOR), after the lost test.
        ONNXRef<?> memoryCoverage = g.op(OnnxOp.SLICE, memory, g.longs(KEY_CHANNELS), g.longs(KEY_CHANNELS + 1),
                g.longs(2)); // [B,S,1,gh,gw]
        ONNXRef<?> peakCoverage = g.reshape(g.reduce(OnnxOp.REDUCE_MAX, g.reshape(memoryCoverage, 0, -1), true, 1),
                0, 1, 1);
        // Only a memory whose peak stays below SMALL_PEAK_COVERAGE is scaled: scaling a memory that fills
        // cells lets a mask with no re-prompt to re-anchor it grow ring by ring over similar colours.
        ONNXRef<?> smallPeak = g.asFloat(g.op(OnnxOp.LESS, peakCoverage, g.scalar(SMALL_PEAK_COVERAGE)));
        ONNXRef<?> coverageScale = g.add(g.mul(smallPeak, g.op(OnnxOp.MAX, peakCoverage, g.scalar(PEAK_COVERAGE_FLOOR))),
                g.sub(g.scalar(1f), smallPeak));

        // ---- object pointers
        // Lost: 1 when no current cell both attends to coverage and has the colour the memory attends to
        // there (the decoder's own test, at cell level: a memory of the object that now lies on the
        // occluder attends to coverage but not to the occluder's colour), 0 from LOST_COVERAGE up. [B,1,1]
        ONNXRef<?> coverage = g.op(OnnxOp.SLICE, fused, g.longs(0), g.longs(1), g.longs(2)); // [B,L,1]
        ONNXRef<?> attendedColour = g.div(g.op(OnnxOp.SLICE, fused, g.longs(1), g.longs(4), g.longs(2)),
                g.add(coverage, g.scalar(1e-4f))); // [B,L,3]
        ONNXRef<?> colourGap = g.reduceSum(g.square(g.sub(colour, attendedColour)), true, 2); // [B,L,1]
        ONNXRef<?> evidence = g.mul(coverage, g.op(OnnxOp.EXP, g.mul(colourGap, -1f / LOST_COLOUR_TAU2)));
        ONNXRef<?> bestEvidence = g.reduce(OnnxOp.REDUCE_MAX, evidence, true, 1);
        ONNXRef<?> lost = g.op(OnnxOp.RELU, g.sub(g.scalar(1f), g.mul(bestEvidence, 1f / LOST_COVERAGE)));
        // Pointer scores on the memory scores' scale (same per-query constant ‖q‖²/T), position-free:
        // (2/T) colour·p − ‖p‖²/T + ‖pos‖²/T − penalty = −‖colour − p‖²/T − penalty + ‖q‖²/T.
        ONNXRef<?> pointerColour = g.op(OnnxOp.SLICE, pointers, g.longs(0), g.longs(3), g.longs(2)); // [B,P,3]
        ONNXRef<?> present = g.reshape(g.op(OnnxOp.SLICE, pointers, g.longs(3), g.longs(4), g.longs(2)),
                0, 1, POINTER_SLOTS); // [B,1,P]
        ONNXRef<?> pointerNorm = g.reduceSum(g.square(pointerColour), true, 2); // [B,P,1]
        ONNXRef<?> pointerBias = g.sub(g.mul(pointerNorm, -1f / ATTENTION_TEMPERATURE), g.scalar(POINTER_PENALTY));
        ONNXRef<?> pointerOne = g.add(g.mul(pointerNorm, 0f), g.scalar(1f)); // [B,P,1] of ones
        ONNXRef<?> pointerKeys = g.concat(2, g.concat(2, pointerColour, pointerBias), pointerOne); // [B,P,5]
        ONNXRef<?> posNorm = g.mul(g.reduceSum(g.square(pos), true, 1), 1f / ATTENTION_TEMPERATURE); // [L,1]
        ONNXRef<?> pointerQueries = g.concat(1, g.concat(1, g.mul(colour, 2f / ATTENTION_TEMPERATURE),
                g.tensor(ones, GRID_CELLS, 1)), posNorm); // [L,5]: (2/T) colour, 1, ‖pos‖²/T
        ONNXRef<?> pointerScores = g.matmul(pointerQueries, g.transpose(pointerKeys, 0, 2, 1)); // [B,L,P]
        ONNXRef<?> relative = g.op(OnnxOp.MAX, g.op(OnnxOp.MIN, g.sub(pointerScores, bestScore),
                g.scalar(POINTER_SCORE_CAP)), g.scalar(-ATTENTION_SCORE_RANGE)); // floored like the memory scores
        // Gain per pointer [B,1,P]: present × fade with age × lost / number of present pointers.
        ONNXRef<?> fade = g.reshape(g.op(OnnxOp.RELU, g.sub(g.scalar(1f),
                g.mul(pointerOffsets, 1f / POINTER_HORIZON))), 0, 1, POINTER_SLOTS);
        ONNXRef<?> count = g.op(OnnxOp.MAX, g.reduceSum(present, true, 2), g.scalar(1f)); // [B,1,1]
        ONNXRef<?> gain = g.div(g.mul(g.mul(present, fade), lost), count);
        ONNXRef<?> weights = g.mul(g.mul(g.op(OnnxOp.EXP, relative), gain),
                withinReach(g, pointers, pointerOffsets, present)); // [B,L,P]
        // Pointer values [B,P,5]: coverage 1 and coverage × colour = the pointer's colour, as memory values.
        ONNXRef<?> pointerValues = g.concat(2, g.concat(2, pointerOne, pointerColour), g.mul(pointerNorm, 0f));
        ONNXRef<?> pointerMass = g.reduceSum(weights, true, 2); // [B,L,1]
        fused = g.div(g.add(g.div(fused, coverageScale), g.matmul(weights, pointerValues)),
                g.add(pointerMass, g.scalar(1f)));

        // ---- colour anchor (channel 4, otherwise unused): the masklet's colour in its first memory slot,
        // which holds a conditioning frame (a prompt's or detection's clean mask). The decoder tests every
        // pixel against it as well as against the attended colour, which follows the recent masks and so can
        // drift (see ANCHOR_HUE_TAU2). Cells 0..2 hold the colour, cell 3 the slot's coverage.
        ONNXRef<?> firstSlot = g.op(OnnxOp.SLICE, memory, g.longs(0, KEY_CHANNELS), g.longs(1, MEMORY_CHANNELS),
                g.longs(1, 2)); // [B,1,4,gh,gw]: coverage, coverage × colour
        ONNXRef<?> firstSums = g.reshape(g.reduceSum(g.reshape(firstSlot, 0, 4, -1), false, 2), 0, 1, 4); // [B,1,4]
        ONNXRef<?> firstCoverage = g.op(OnnxOp.SLICE, firstSums, g.longs(0), g.longs(1), g.longs(2)); // [B,1,1]
        ONNXRef<?> anchorColour = g.div(g.op(OnnxOp.SLICE, firstSums, g.longs(1), g.longs(4), g.longs(2)),
                g.add(firstCoverage, g.scalar(1e-4f))); // [B,1,3]
        ONNXRef<?> anchor = g.concat(2, anchorColour, firstCoverage); // [B,1,4]
        float[] anchorCells = new float[4 * GRID_CELLS];
        for (int c = 0; c < 4; c++) {
            anchorCells[c * GRID_CELLS + c] = 1f;
        }
        ONNXRef<?> anchorColumn = g.transpose(g.matmul(anchor, g.tensor(anchorCells, 4, GRID_CELLS)), 0, 2, 1); // [B,L,1]
        fused = g.concat(2, g.op(OnnxOp.SLICE, fused, g.longs(0), g.longs(4), g.longs(2)), anchorColumn);

        fused = g.reshape(g.transpose(fused, 0, 2, 1), 0, KEY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        g.floatOutput(fused, "fused_feat", dyn, KEY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        g.write(file);
    }

    /**
     * 1 on the cells a lost object can have reached, else 0: [B, cells, 1]. The object was last seen at
     * the centre of its newest present pointer, {@code a} frames ago; its mean speed v is the distance
     * between its newest and oldest present pointers over their age gap. A cell is within reach when its
     * centre is at most {@link #REACH_MARGIN} + (v·{@link #REACH_SPEED_FACTOR} + {@link #REACH_SPEED_SLACK})·a
     * from there. Without this bound a pointer re-found a same-coloured object anywhere: in {@code mixed}
     * a red disc lost behind the bar for 30 frames at 1 px/frame re-appeared on the other red disc 140 px
     * away, and two confirmed masklets then shared that disc.
     */
    private static ONNXRef<?> withinReach(GraphBuilder g, ONNXRef<?> pointers, ONNXRef<?> offsets, ONNXRef<?> present) {
        ONNXRef<?> centres = g.op(OnnxOp.SLICE, pointers, g.longs(4), g.longs(6), g.longs(2)); // [B,P,2]
        ONNXRef<?> presentP = g.reshape(present, 0, POINTER_SLOTS, 1); // [B,P,1]
        ONNXRef<?> age = g.reshape(offsets, 0, POINTER_SLOTS, 1); // [B,P,1]
        // One-hot (softmax of a steep score) on the newest and on the oldest present pointer.
        ONNXRef<?> absentScore = g.mul(g.sub(g.scalar(1f), presentP), 1e4f);
        ONNXRef<?> newest = g.op(OnnxOp.SOFTMAX, Map.of("axis", 1), g.sub(g.mul(age, -50f), absentScore));
        ONNXRef<?> oldest = g.op(OnnxOp.SOFTMAX, Map.of("axis", 1), g.sub(g.mul(age, 50f), absentScore));
        ONNXRef<?> lastSeen = g.reduceSum(g.mul(newest, centres), true, 1); // [B,1,2]
        ONNXRef<?> lastAge = g.reduceSum(g.mul(newest, age), true, 1); // [B,1,1]
        ONNXRef<?> firstSeen = g.reduceSum(g.mul(oldest, centres), true, 1);
        ONNXRef<?> firstAge = g.reduceSum(g.mul(oldest, age), true, 1);
        ONNXRef<?> travelled = g.op(OnnxOp.SQRT, g.reduceSum(g.square(g.sub(firstSeen, lastSeen)), true, 2)); // [B,1,1]
        ONNXRef<?> speed = g.div(travelled, g.op(OnnxOp.MAX, g.sub(firstAge, lastAge), g.scalar(1f)));
        ONNXRef<?> reach = g.add(g.scalar(REACH_MARGIN), g.mul(g.add(g.mul(speed, REACH_SPEED_FACTOR),
                g.scalar(REACH_SPEED_SLACK)), lastAge)); // [B,1,1]
        float[] cellCentres = new float[GRID_CELLS * 2];
        for (int y = 0; y < GRID_HEIGHT; y++) {
            for (int x = 0; x < GRID_WIDTH; x++) {
                cellCentres[(y * GRID_WIDTH + x) * 2] = (x + 0.5f) * CELL;
                cellCentres[(y * GRID_WIDTH + x) * 2 + 1] = (y + 0.5f) * CELL;
            }
        }
        ONNXRef<?> distance2 = g.reduceSum(g.square(g.sub(g.tensor(cellCentres, 1, GRID_CELLS, 2), lastSeen)), true, 2);
        return g.asFloat(g.op(OnnxOp.LESS_OR_EQUAL, distance2, g.square(reach))); // [B,L,1]
    }

    /** Batched over masklets: {@code image_embed [B, 5, gh, gw]}; the frame's features are shared (batch 1). */
    private static void propagateDecoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_video_decoder_propagate");
        long dyn = GraphBuilder.DYNAMIC;
        ONNXRef<?> embed = g.floatInput("image_embed", dyn, KEY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> hr0 = g.floatInput("high_res_feats_0", 1, 3, INPUT_HEIGHT, INPUT_WIDTH);
        ONNXRef<?> hr1 = g.floatInput("high_res_feats_1", 1, 3, INPUT_HEIGHT / 2, INPUT_WIDTH / 2);
        // Channels 0..3 of the fused features (coverage, coverage × colour) upsampled to full resolution;
        // channel 4 holds the colour anchor in its first cells (read below, not upsampled). Slices, not selection MatMuls: a [1,5] × [B,5,HW] MatMul broadcasts badly.
        ONNXRef<?> used = g.op(OnnxOp.SLICE, embed, g.longs(0), g.longs(4), g.longs(1)); // [B,4,gh,gw]
        ONNXRef<?> up = g.op(OnnxOp.RESIZE,
                Map.of("mode", "linear", "coordinate_transformation_mode", "half_pixel"),
                used, g.tensor(new float[0], 0), g.tensor(new float[] {1f, 1f, CELL, CELL}, 4));
        ONNXRef<?> flat = g.reshape(up, 0, 4, PIXELS); // [B,4,HW]
        ONNXRef<?> p = g.op(OnnxOp.SLICE, flat, g.longs(0), g.longs(1), g.longs(1)); // [B,1,HW] attended coverage
        ONNXRef<?> pc = g.op(OnnxOp.SLICE, flat, g.longs(1), g.longs(4), g.longs(1)); // [B,3,HW]
        ONNXRef<?> attendedColour = g.div(pc, g.add(p, g.scalar(1e-4f))); // [B,3,HW]
        ONNXRef<?> x = g.reshape(hr0, 3, PIXELS);
        // The colour anchor (channel 4, cells 0..3: the conditioning memory's colour and its presence). Seen
        // from black (u = anchor + 1), an object's stripes and flicker only move its colour along u.
        ONNXRef<?> anchorCells = g.op(OnnxOp.SLICE, g.reshape(embed, 0, KEY_CHANNELS, GRID_CELLS), g.longs(4, 0),
                g.longs(5, 4), g.longs(1, 2)); // [B,1,4]
        ONNXRef<?> u = g.transpose(g.add(g.op(OnnxOp.SLICE, anchorCells, g.longs(0), g.longs(3), g.longs(2)),
                g.scalar(1f)), 0, 2, 1); // [B,3,1]
        ONNXRef<?> uu = g.reduceSum(g.square(u), true, 1); // [B,1,1]
        ONNXRef<?> anchorCoverage = g.transpose(g.op(OnnxOp.SLICE, anchorCells, g.longs(3), g.longs(4), g.longs(2)),
                0, 2, 1); // [B,1,1]
        ONNXRef<?> anchored = g.asFloat(g.op(OnnxOp.GREATER, anchorCoverage, g.scalar(ANCHOR_MIN_COVERAGE)));
        ONNXRef<?> hinted = g.asFloat(g.op(OnnxOp.GREATER, anchorCoverage, g.scalar(ABSENT_COVERAGE)));
        // The reference colour: the attended colour moved onto the anchor's line, at a brightness within
        // [REFERENCE_LUMA_LOW, REFERENCE_LUMA_HIGH] of the anchor. It follows the light as the recent masks see
        // it but cannot drift to another hue or to the dark background (see the class comment).
        ONNXRef<?> attendedAlong = g.op(OnnxOp.MIN, g.op(OnnxOp.MAX,
                g.div(g.reduceSum(g.mul(g.add(attendedColour, g.scalar(1f)), u), true, 1), uu),
                g.scalar(REFERENCE_LUMA_LOW)), g.scalar(REFERENCE_LUMA_HIGH)); // [B,1,HW]
        ONNXRef<?> onLine = g.sub(g.mul(u, attendedAlong), g.scalar(1f)); // [B,3,HW]
        ONNXRef<?> objectColour = g.add(g.mul(onLine, anchored), g.mul(attendedColour, g.sub(g.scalar(1f), anchored)));
        ONNXRef<?> d2 = g.reduceSum(g.square(g.sub(x, objectColour)), true, 1); // [B,1,HW]
        ONNXRef<?> colourTerm = g.mul(g.sub(g.scalar(TRACK_TAU2), d2), TRACK_BETA);
        // Hue: the pixel's offset from the anchor's line along h = u × (1, 1, 1), the direction away from both
        // the line and the grey axis, must stay below ANCHOR_HUE_TAU2. Stripes and flicker move a pixel along
        // the line; JPEG edges and chroma subsampling blend it with a neighbour, mostly the grey-ish
        // background, i.e. towards the grey axis; a different hue moves it along h. (v = pixel + 1; u·h = 0.)
        // Brightness: along the line within [ANCHOR_LUMA_LOW, ANCHOR_LUMA_HIGH]; dull clutter of an object's
        // hue (a dark green patch near a green object) lies near its line, but darker than stripes and flicker go.
        ONNXRef<?> v = g.add(x, g.scalar(1f)); // [3,HW]
        float[] cross = {0, 1, -1, -1, 0, 1, 1, -1, 0}; // h = C·u for C the matrix of u ↦ u × (1, 1, 1)
        ONNXRef<?> h = g.matmul(g.tensor(cross, 3, 3), u); // [B,3,1]
        ONNXRef<?> hue2 = g.div(g.square(g.reduceSum(g.mul(v, h), true, 1)),
                g.add(g.reduceSum(g.square(h), true, 1), g.scalar(1e-6f))); // [B,1,HW]
        ONNXRef<?> along = g.div(g.reduceSum(g.mul(v, u), true, 1), uu); // [B,1,HW]
        // Chroma (all of the offset from the line, |v − a·u|²): below ANCHOR_CHROMA_TAU2, which only the
        // blurred edges of an object come near, but a dull patch of its hue (greyer) does not pass.
        ONNXRef<?> across2 = g.reduceSum(g.square(g.sub(v, g.mul(u, along))), true, 1); // [B,1,HW]
        ONNXRef<?> anchorTerm = g.mul(g.op(OnnxOp.MIN, g.op(OnnxOp.MIN,
                g.sub(g.scalar(ANCHOR_CHROMA_TAU2), across2),
                g.mul(g.sub(along, g.scalar(ANCHOR_LUMA_LOW)), ANCHOR_LUMA_GAIN)),
                g.mul(g.sub(g.scalar(ANCHOR_LUMA_HIGH), along), ANCHOR_LUMA_GAIN)), TRACK_BETA);
        // Only from a first slot of ANCHOR_MIN_COVERAGE: otherwise the test passes everywhere.
        anchorTerm = g.add(g.mul(anchorTerm, anchored), g.mul(g.sub(g.scalar(1f), anchored), 1e4f));
        // Hue and saturation hold even for an anchor taken from a sliver (pixels blended with the grey-ish
        // background keep the hue and lose saturation): the pixel's hue offset below ANCHOR_HUE_TAU2 and its
        // squared distance from the grey axis at least ANCHOR_SATURATION_SHARE² of the anchor's. A hidden
        // object's last memories are slivers; the grey bar next to them has no saturation.
        ONNXRef<?> greyMean = g.tensor(new float[] {1f / 3, 1f / 3, 1f / 3, 1f / 3, 1f / 3, 1f / 3, 1f / 3, 1f / 3,
                1f / 3}, 3, 3); // projection onto the grey axis
        ONNXRef<?> pixelSaturation = g.reduceSum(g.square(g.sub(v, g.matmul(greyMean, v))), true, 0); // [1,HW]
        ONNXRef<?> anchorSaturation = g.reduceSum(g.square(g.sub(u, g.matmul(greyMean, u))), true, 1); // [B,1,1]
        ONNXRef<?> hintTerm = g.mul(g.op(OnnxOp.MIN, g.sub(g.scalar(ANCHOR_HUE_TAU2), hue2),
                g.add(g.sub(pixelSaturation, g.mul(anchorSaturation, ANCHOR_SATURATION_SHARE * ANCHOR_SATURATION_SHARE)),
                        g.scalar(ANCHOR_SATURATION_MARGIN))),
                TRACK_BETA);
        hintTerm = g.add(g.mul(hintTerm, hinted), g.mul(g.sub(g.scalar(1f), hinted), 1e4f));
        colourTerm = g.op(OnnxOp.MIN, colourTerm, g.op(OnnxOp.MIN, anchorTerm, hintTerm));
        float[] thresholds = GATE_THRESHOLDS.clone();
        ONNXRef<?> gates = g.mul(g.sub(p, g.tensor(thresholds, thresholds.length, 1)), GATE_GAIN); // [B,3,HW]
        ONNXRef<?> logits = g.op(OnnxOp.MIN, gates, colourTerm); // [B,3,HW]
        logits = g.add(logits, g.mul(g.reduceSum(hr1, false), 0f));
        int m = thresholds.length;
        g.floatOutput(g.reshape(logits, 0, m, INPUT_HEIGHT, INPUT_WIDTH), "pred_mask", dyn, m, INPUT_HEIGHT,
                INPUT_WIDTH);

        // Hard pixel counts: the object score is the mass of the first (most lenient) mask; a mask's
        // predicted IoU is the share of the same-coloured pixels near the attended region it keeps.
        ONNXRef<?> hard = g.asFloat(g.op(OnnxOp.GREATER, logits, g.scalar(0f)));
        ONNXRef<?> wide = g.asFloat(g.op(OnnxOp.GREATER, g.op(OnnxOp.MIN,
                g.mul(g.sub(p, g.scalar(WIDE_GATE)), GATE_GAIN), colourTerm), g.scalar(0f)));
        ONNXRef<?> mass = g.reduceSum(hard, false, 2); // [B,3]
        ONNXRef<?> iou = g.div(mass, g.add(g.reduceSum(wide, false, 2), g.scalar(1f))); // [B,3]
        g.floatOutput(iou, "iou_predictions", dyn, m);
        float[] first = new float[m];
        first[0] = 1f;
        ONNXRef<?> firstMass = g.matmul(mass, g.tensor(first, m, 1)); // [B,1]
        g.floatOutput(g.mul(g.sub(firstMass, g.scalar(20f)), 0.2f), "object_score_logits", dyn, 1);
        g.write(file);
    }

    /** Squared distance given to the points that are not positive: no pixel is near them. */
    private static final float AWAY = 1e9f;

    /**
     * Prompts on a batch axis: {@code point_coords [B, P, 2]}, {@code point_labels [B, P]} (1 positive,
     * 0 negative, 2/3 box corners, −1 padding, which adds nothing: a batch item padded to more points
     * gives the same bits as the item alone); the frame's tensors are shared (batch 1). Outputs
     * {@code pred_mask} and {@code mask_for_mem} {@code [B, 1, H, W]}, {@code obj_ptr [B, 5]}. The tracker
     * still makes one call per mask: one call for the 10 object pointers of a frame was 10–20 % slower
     * on a 2-core CPU than 10 calls (the [B, P, H, W] distance grid no longer fits the cache).
     *
     * <p>Every output is exact to the bit of the former one-prompt graph: what depends on a point and a
     * pixel is built separably (x and y apart, then one broadcast Add to [B, P, H, W] and a ReduceMin over
     * the points: a pixel is within r of a positive point iff the nearest positive point is within r), so
     * a call costs ≈ 2 passes over the point × pixel grid instead of 13. ONNX Runtime runs every node of a
     * graph whatever outputs are requested, so the pointer path pays for the mask head too: keep it cheap.
     */
    static void imageDecoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_image_decoder");
        long dyn = GraphBuilder.DYNAMIC;
        ONNXRef<?> coords = g.floatInput("point_coords", dyn, dyn, 2);
        ONNXRef<?> labels = g.floatInput("point_labels", dyn, dyn);
        ONNXRef<?> embed = g.floatInput("image_embed", 1, KEY_CHANNELS, GRID_HEIGHT, GRID_WIDTH);
        ONNXRef<?> hr0 = g.floatInput("high_res_feats_0", 1, 3, INPUT_HEIGHT, INPUT_WIDTH);
        ONNXRef<?> hr1 = g.floatInput("high_res_feats_1", 1, 3, INPUT_HEIGHT / 2, INPUT_WIDTH / 2);

        float[] px = new float[INPUT_WIDTH];
        for (int x = 0; x < INPUT_WIDTH; x++) {
            px[x] = x + 0.5f;
        }
        float[] py = new float[INPUT_HEIGHT];
        for (int y = 0; y < INPUT_HEIGHT; y++) {
            py[y] = y + 0.5f;
        }
        ONNXRef<?> gx = g.tensor(px, 1, 1, 1, INPUT_WIDTH); // pixel centres along a row
        ONNXRef<?> gy = g.tensor(py, 1, 1, INPUT_HEIGHT, 1); // and down a column
        ONNXRef<?> cx = g.reshape(g.matmul(coords, g.tensor(new float[] {1f, 0f}, 2, 1)), 0, 0, 1, 1); // [B,P,1,1]
        ONNXRef<?> cy = g.reshape(g.matmul(coords, g.tensor(new float[] {0f, 1f}, 2, 1)), 0, 0, 1, 1);
        ONNXRef<?> lab = g.reshape(labels, 0, -1, 1, 1); // [B,P,1,1]
        ONNXRef<?> positive = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(1f)));
        ONNXRef<?> away = g.mul(g.sub(g.scalar(1f), positive), AWAY); // 0 for a positive point
        ONNXRef<?> dx2 = g.add(g.square(g.sub(gx, cx)), away); // [B,P,1,W]
        ONNXRef<?> dy2 = g.square(g.sub(gy, cy)); // [B,P,H,1]
        ONNXRef<?> nearest = g.reshape(g.reduce(OnnxOp.REDUCE_MIN, g.add(dx2, dy2), true, 1), 0, 1, PIXELS); // [B,1,HW]
        ONNXRef<?> disc = g.asFloat(g.op(OnnxOp.LESS, nearest, g.scalar(POINT_RADIUS * POINT_RADIUS)));
        ONNXRef<?> core = g.asFloat(g.op(OnnxOp.LESS, nearest, g.scalar(6.25f)));
        ONNXRef<?> c1 = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(2f))); // [B,P,1,1]
        ONNXRef<?> c2 = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(3f)));
        ONNXRef<?> hasBox = g.reshape(g.reduceSum(c1, true, 1), 0, 1, 1); // [B,1,1]
        ONNXRef<?> x1 = g.reduceSum(g.mul(cx, c1), true, 1); // [B,1,1,1]
        ONNXRef<?> y1 = g.reduceSum(g.mul(cy, c1), true, 1);
        ONNXRef<?> x2 = g.reduceSum(g.mul(cx, c2), true, 1);
        ONNXRef<?> y2 = g.reduceSum(g.mul(cy, c2), true, 1);
        ONNXRef<?> inBox = g.mul(inside(g, gx, gy, x1, y1, x2, y2), hasBox);
        ONNXRef<?> qx1 = g.add(g.mul(x1, 0.75f), g.mul(x2, 0.25f));
        ONNXRef<?> qx2 = g.add(g.mul(x1, 0.25f), g.mul(x2, 0.75f));
        ONNXRef<?> qy1 = g.add(g.mul(y1, 0.75f), g.mul(y2, 0.25f));
        ONNXRef<?> qy2 = g.add(g.mul(y1, 0.25f), g.mul(y2, 0.75f));
        ONNXRef<?> inCentre = g.mul(inside(g, gx, gy, qx1, qy1, qx2, qy2), hasBox);
        ONNXRef<?> gate = g.op(OnnxOp.MAX, inBox, disc); // [B,1,HW]
        ONNXRef<?> weight = g.op(OnnxOp.MAX, inCentre, core);

        ONNXRef<?> x = g.reshape(hr0, 1, 3, PIXELS);
        ONNXRef<?> weightTotal = g.reduceSum(weight, true, 2); // [B,1,1]: also the presence and the centre's weight
        ONNXRef<?> weightSum = g.add(weightTotal, g.scalar(1e-6f));
        ONNXRef<?> colour = g.div(g.reduceSum(g.mul(x, weight), true, 2), weightSum); // [B,3,1]
        ONNXRef<?> dist = g.reduceSum(g.square(g.sub(x, colour)), true, 1); // [B,1,HW]
        ONNXRef<?> logits = g.op(OnnxOp.MIN, g.mul(g.sub(gate, g.scalar(0.5f)), GATE_GAIN),
                g.mul(g.sub(g.scalar(TRACK_TAU2), dist), TRACK_BETA));
        logits = g.add(logits, g.mul(g.add(g.reduceSum(embed, false), g.reduceSum(hr1, false)), 0f));
        g.floatOutput(g.reshape(logits, -1, 1, INPUT_HEIGHT, INPUT_WIDTH), "pred_mask", dyn, 1, INPUT_HEIGHT,
                INPUT_WIDTH);
        g.floatOutput(g.reshape(g.op(OnnxOp.SIGMOID, logits), -1, 1, INPUT_HEIGHT, INPUT_WIDTH), "mask_for_mem",
                dyn, 1, INPUT_HEIGHT, INPUT_WIDTH);
        float[] widen = new float[3 * KEY_CHANNELS];
        for (int c = 0; c < 3; c++) {
            widen[c * KEY_CHANNELS + c] = 1f;
        }
        // The object pointer: the prompted object's colour, and in channel 3 its presence (1 when at least
        // one pixel weighed in; a box too thin to have a pixel centre in its middle gives no pointer).
        float[] presenceChannel = new float[KEY_CHANNELS];
        presenceChannel[3] = 1f;
        ONNXRef<?> presence = g.op(OnnxOp.MIN, g.reshape(weightTotal, -1, 1), g.scalar(1f)); // [B,1]
        ONNXRef<?> pointer = g.mul(g.matmul(g.reshape(colour, -1, 3), g.tensor(widen, 3, KEY_CHANNELS)), presence);
        pointer = g.add(pointer, g.mul(presence, g.tensor(presenceChannel, 1, KEY_CHANNELS)));
        // Channels 4..5 (channel 4 of the colour part is 0): where the object is, the centre of the pixels
        // its colour was taken from (0, 0 with no pixel), for the reach test of memory attention.
        float[] pixelX = new float[PIXELS];
        float[] pixelY = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            pixelX[i] = i % INPUT_WIDTH + 0.5f;
            pixelY[i] = i / INPUT_WIDTH + 0.5f;
        }
        ONNXRef<?> centreX = g.div(g.reduceSum(g.mul(weight, g.tensor(pixelX, 1, 1, PIXELS)), true, 2), weightSum);
        ONNXRef<?> centreY = g.div(g.reduceSum(g.mul(weight, g.tensor(pixelY, 1, 1, PIXELS)), true, 2), weightSum);
        ONNXRef<?> centre = g.reshape(g.concat(2, centreX, centreY), -1, 2); // [B,2]
        ONNXRef<?> colourPart = g.op(OnnxOp.SLICE, pointer, g.longs(0), g.longs(4), g.longs(1)); // [B,4]
        g.floatOutput(g.concat(1, colourPart, centre), "obj_ptr", dyn, POINTER_CHANNELS);
        g.write(file);
    }

    /**
     * 1 inside the box [x1, x2] × [y1, y2] (corners [B,1,1,1]), else 0, as [B, 1, H·W]: the row and the
     * column tests apart, then their product (0/1 factors, so the same bits as testing every pixel).
     */
    private static ONNXRef<?> inside(GraphBuilder g, ONNXRef<?> gx, ONNXRef<?> gy, ONNXRef<?> x1, ONNXRef<?> y1,
                                     ONNXRef<?> x2, ONNXRef<?> y2) {
        ONNXRef<?> a = g.asFloat(g.op(OnnxOp.GREATER_OR_EQUAL, gx, x1)); // [B,1,1,W]
        ONNXRef<?> b = g.asFloat(g.op(OnnxOp.LESS_OR_EQUAL, gx, x2));
        ONNXRef<?> c = g.asFloat(g.op(OnnxOp.GREATER_OR_EQUAL, gy, y1)); // [B,1,H,1]
        ONNXRef<?> d = g.asFloat(g.op(OnnxOp.LESS_OR_EQUAL, gy, y2));
        return g.reshape(g.mul(g.mul(a, b), g.mul(c, d)), 0, 1, PIXELS);
    }
}
