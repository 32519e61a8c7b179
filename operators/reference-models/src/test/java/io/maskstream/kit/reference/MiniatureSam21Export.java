package io.maskstream.kit.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Five ONNX files with exactly the tensor names, ranks and output sets of the SAM 2.1 export of
 * pagarcia/sam2-onnx-cpp (image encoder, image decoder, propagate decoder, memory attention with object
 * pointers, memory encoder), at miniature sizes with hand-set weights.
 *
 * <p>Sizes (SAM 2.1 in brackets): image 32×32 [1024]; embedding grid 4×4 [64×64] with 8 channels [256];
 * high-resolution features 16×16 and 8×8 with 2 channels [256×256×32, 128×128×64]; memory features 2
 * channels [64], so an object pointer (8) is 4 memory tokens, as in SAM 2.1 (256 = 4 × 64); 7 temporal
 * slots; masks 16×16 [256×256], mask for memory 32×32 [1024×1024].
 *
 * <p>What the weights do:
 * <ul>
 *   <li>Image encoder: {@code image_embeddings} = {@code current_vision_feat} = the normalised RGB averaged over
 *       each grid cell in channels 0–2, zero elsewhere; position embeddings zero.</li>
 *   <li>Image decoder (box or points): "red" cells — logit 10 × (R − G − 2.1012) of the cell, ±21.8 on red and black — whatever the prompt;
 *       3 candidate masks, all the same; {@code obj_ptr} = 8 zeros.</li>
 *   <li>Memory encoder: feature channel 0 = the mask input (±10 logits) averaged per cell / 10, channel 1 zero;
 *       position encoding zero; temporal code of slot s = 0.01 × s.</li>
 *   <li>Memory attention: channel 7 of {@code fused_feat} = the mean over memories of feature channel 0, other
 *       channels = {@code current_vision_feat}. It adds 0 × (memory tokens, then 4 tokens per object pointer,
 *       + {@code memory_pos_embed}): position rows that do not match that layout fail the run.</li>
 *   <li>Propagate decoder: mask logits = 20 × channel 7 of {@code image_embed}, nearest-upsampled.</li>
 * </ul>
 * So propagation reproduces the cells covered by every memory mask (the mean is +1 only there).
 */
public final class MiniatureSam21Export {
    public static final int IMAGE = 32;
    public static final int GRID = 4;
    public static final int CHANNELS = 8;
    public static final int MEMORY_CHANNELS = 2;
    public static final int TEMPORAL_SLOTS = 7;
    public static final int CANDIDATES = 3;
    private static final int MASK = 16;
    private static final int CELLS = GRID * GRID;
    private static final long DYNAMIC = GraphBuilder.DYNAMIC;

    private MiniatureSam21Export() {}

    public static void write(Path dir) throws IOException {
        imageEncoder(dir.resolve("image_encoder.onnx"));
        imageDecoder(dir.resolve("image_decoder.onnx"));
        propagateDecoder(dir.resolve("video_decoder_propagate.onnx"));
        memoryAttention(dir.resolve("memory_attention.onnx"));
        memoryEncoder(dir.resolve("memory_encoder.onnx"));
    }

    private static ONNXRef<?> pool(GraphBuilder g, ONNXRef<?> x, int k) {
        return g.op(OnnxOp.AVERAGE_POOL, Map.of("kernel_shape", new int[] {k, k}, "strides", new int[] {k, k}), x);
    }

    private static ONNXRef<?> channels(GraphBuilder g, ONNXRef<?> x, int from, int to) {
        return g.op(OnnxOp.SLICE, x, g.longs(from), g.longs(to), g.longs(1));
    }

    private static ONNXRef<?> upsample(GraphBuilder g, ONNXRef<?> x, int factor) {
        return g.op(OnnxOp.RESIZE, Map.of("mode", "nearest", "coordinate_transformation_mode", "half_pixel"),
                x, g.tensor(new float[0], 0), g.tensor(new float[] {1f, 1f, factor, factor}, 4));
    }

    private static void imageEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam21_image_encoder");
        ONNXRef<?> image = g.floatInput("input", 1, 3, IMAGE, IMAGE);
        ONNXRef<?> embed = g.concat(1, pool(g, image, IMAGE / GRID),
                g.tensor(new float[(CHANNELS - 3) * CELLS], 1, CHANNELS - 3, GRID, GRID));
        g.floatOutput(embed, "image_embeddings", 1, CHANNELS, GRID, GRID);
        g.floatOutput(channels(g, pool(g, image, 2), 0, 2), "high_res_features1", 1, 2, 4 * GRID, 4 * GRID);
        g.floatOutput(channels(g, pool(g, image, 4), 0, 2), "high_res_features2", 1, 2, 2 * GRID, 2 * GRID);
        g.floatOutput(g.op(OnnxOp.IDENTITY, embed), "current_vision_feat", 1, CHANNELS, GRID, GRID);
        g.floatOutput(g.op(OnnxOp.IDENTITY, g.tensor(new float[CELLS * CHANNELS], CELLS, 1, CHANNELS)),
                "vision_pos_embed", CELLS, 1, CHANNELS);
        g.write(file);
    }

    private static void imageDecoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam21_image_decoder");
        g.floatInput("point_coords", DYNAMIC, DYNAMIC, 2);
        g.floatInput("point_labels", DYNAMIC, DYNAMIC);
        ONNXRef<?> embed = g.floatInput("image_embed", 1, CHANNELS, GRID, GRID);
        g.floatInput("high_res_feats_0", 1, 2, 4 * GRID, 4 * GRID);
        g.floatInput("high_res_feats_1", 1, 2, 2 * GRID, 2 * GRID);
        // R − G is 4.28 on red and −0.08 on black (ImageNet normalisation): centred so both are ±21.8.
        ONNXRef<?> red = g.mul(g.sub(g.sub(channels(g, embed, 0, 1), channels(g, embed, 1, 2)), g.scalar(2.1012f)), 10f);
        ONNXRef<?> three = g.concat(1, g.concat(1, red, red), red); // [1,3,4,4]
        g.floatOutput(g.op(OnnxOp.IDENTITY, g.tensor(new float[CHANNELS], 1, CHANNELS)), "obj_ptr", 1, CHANNELS);
        g.floatOutput(upsample(g, three, IMAGE / GRID), "mask_for_mem", 1, CANDIDATES, IMAGE, IMAGE);
        g.floatOutput(upsample(g, three, MASK / GRID), "pred_mask", 1, CANDIDATES, MASK, MASK);
        g.write(file);
    }

    private static void propagateDecoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam21_video_decoder_propagate");
        ONNXRef<?> embed = g.floatInput("image_embed", 1, CHANNELS, GRID, GRID);
        g.floatInput("high_res_feats_0", 1, 2, 4 * GRID, 4 * GRID);
        g.floatInput("high_res_feats_1", 1, 2, 2 * GRID, 2 * GRID);
        ONNXRef<?> logits = g.mul(channels(g, embed, CHANNELS - 1, CHANNELS), 20f);
        g.floatOutput(upsample(g, logits, IMAGE / GRID), "mask_for_mem", 1, 1, IMAGE, IMAGE);
        g.floatOutput(upsample(g, logits, MASK / GRID), "pred_mask", 1, 1, MASK, MASK);
        g.write(file);
    }

    private static void memoryAttention(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam21_memory_attention");
        ONNXRef<?> current = g.floatInput("current_vision_feat", 1, CHANNELS, GRID, GRID);
        g.floatInput("current_vision_pos_embed", CELLS, 1, CHANNELS);
        ONNXRef<?> pointers = g.floatInput("memory_0", DYNAMIC, CHANNELS);
        ONNXRef<?> memory = g.floatInput("memory_1", DYNAMIC, MEMORY_CHANNELS, GRID, GRID);
        ONNXRef<?> memoryPos = g.floatInput("memory_pos_embed", DYNAMIC, 1, MEMORY_CHANNELS);

        // SAM 2 memory layout: each memory's cells as tokens, then each pointer as 4 tokens; one position row each.
        ONNXRef<?> tokens = g.reshape(g.transpose(memory, 0, 2, 3, 1), -1, 1, MEMORY_CHANNELS);
        ONNXRef<?> pointerTokens = g.reshape(pointers, -1, 1, MEMORY_CHANNELS);
        ONNXRef<?> positioned = g.add(g.concat(0, tokens, pointerTokens), memoryPos);
        ONNXRef<?> nothing = g.mul(g.reduceSum(positioned, false, 0, 1, 2), 0f); // scalar 0

        ONNXRef<?> meanMask = g.reduce(OnnxOp.REDUCE_MEAN, channels(g, memory, 0, 1), true, 0); // [1,1,4,4]
        ONNXRef<?> fused = g.concat(1, channels(g, current, 0, CHANNELS - 1), meanMask);
        g.floatOutput(g.add(fused, nothing), "fused_feat", 1, CHANNELS, GRID, GRID);
        g.write(file);
    }

    private static void memoryEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam21_memory_encoder");
        ONNXRef<?> mask = g.floatInput("mask_for_mem", 1, 1, IMAGE, IMAGE);
        g.floatInput("pix_feat", 1, CHANNELS, GRID, GRID);
        ONNXRef<?> coverage = g.mul(pool(g, mask, IMAGE / GRID), 0.1f);
        ONNXRef<?> features = g.concat(1, coverage, g.tensor(new float[CELLS], 1, 1, GRID, GRID));
        g.floatOutput(features, "maskmem_features", 1, MEMORY_CHANNELS, GRID, GRID);
        g.floatOutput(g.op(OnnxOp.IDENTITY, g.tensor(new float[CELLS * MEMORY_CHANNELS], CELLS, 1, MEMORY_CHANNELS)),
                "maskmem_pos_enc", CELLS, 1, MEMORY_CHANNELS);
        float[] temporal = new float[TEMPORAL_SLOTS * MEMORY_CHANNELS];
        for (int s = 0; s < TEMPORAL_SLOTS; s++) {
            temporal[s * MEMORY_CHANNELS] = 0.01f * s;
            temporal[s * MEMORY_CHANNELS + 1] = 0.01f * s;
        }
        g.floatOutput(g.op(OnnxOp.IDENTITY, g.tensor(temporal, TEMPORAL_SLOTS, 1, 1, MEMORY_CHANNELS)),
                "temporal_code", TEMPORAL_SLOTS, 1, 1, MEMORY_CHANNELS);
        g.write(file);
    }
}
