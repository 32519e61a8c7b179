package io.maskstream.kit.reference;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Three ONNX files with exactly the tensor names, ranks, element types and output sets of SAM 3's three-file
 * ONNX export (vision encoder, text encoder, geometry-encoder + mask decoder), at miniature sizes and with
 * hand-set weights, so a test can run the real-export code path end to end and know the answer.
 *
 * <p>Sizes: image 32×32 (SAM 3: 1008); {@code fpn_feat_0/1/2} at 16/8/4 cells (SAM 3: 288/144/72) with 3
 * channels (SAM 3: 256) = the normalised RGB average-pooled; {@code fpn_pos_2} zero; text features of dimension 4
 * (SAM 3: 256) over a context of 32; 3 query slots (SAM 3: 200) with 16×16 masks (SAM 3: 288×288).
 *
 * <p>Weights (ids from the test's CLIP-style tokenizer.json):
 * <ul>
 *   <li>Text encoder: {@code text_features} = an embedding-table lookup (red → (1,−1,−1,0), green → (−1,1,−1,0),
 *       blue → (−1,−1,1,0), car → (0,0,0,−1), end-of-text → (0,0,0,−0.1), every other token 0), padding
 *       included; {@code text_mask} = (attention_mask == 0), i.e. <b>true marks padding</b>, SAM 3's convention.</li>
 *   <li>Decoder: prompt p = Σ over tokens with text_mask false of text_features. Cell logit = (p₀₋₂ · fpn_feat_0) − 2
 *       (+1 on the prompted colour, −1 on black, −3 on the other primaries). Query q adds −100 outside its region
 *       (q0: left half, q1: right half, q2: bottom-left quarter) to give {@code pred_masks}; {@code pred_logits} =
 *       4 × max of the query's mask; {@code pred_boxes} are constants (normalised xyxy, below), except that
 *       q0's is the first of {@code input_boxes} when its label is a real one (≥ 0: a test reads it back in the
 *       centre-size layout the export takes); {@code presence_logits} = 6 + 20 · p₃ + 100 · (number of boxes
 *       labelled 1 − number labelled 0), so the padding box (label −10) changes nothing. {@code fpn_feat_1/2} and
 *       {@code fpn_pos_2} are taken and not used.</li>
 * </ul>
 */
public final class MiniatureSam3Export {
    public static final int IMAGE = 32;
    public static final int CONTEXT = 32;
    public static final int QUERIES = 3;
    public static final int MASK = 16;
    public static final int TEXT_DIM = 4;
    /** pred_boxes per query: normalised x1, y1, x2, y2. */
    public static final float[][] BOXES = {
        {0.125f, 0.25f, 0.375f, 0.5f},
        {0.625f, 0.5f, 0.875f, 0.75f},
        {0f, 0.75f, 0.5f, 1f},
    };
    public static final String VISION_ENCODER = "vision-encoder.onnx";
    public static final String TEXT_ENCODER = "text-encoder.onnx";
    public static final String DECODER = "geo-encoder-mask-decoder.onnx";

    private static final long B = GraphBuilder.DYNAMIC;
    private static final int CHANNELS = 3;

    private MiniatureSam3Export() {}

    /**
     * Writes the three files into {@code dir}.
     *
     * @param embeddings token id → 4-d text feature; ids not listed embed to zero
     * @param vocabularySize rows of the embedding table
     */
    public static void write(Path dir, Map<Integer, float[]> embeddings, int vocabularySize) throws IOException {
        visionEncoder(dir.resolve(VISION_ENCODER));
        textEncoder(dir.resolve(TEXT_ENCODER), embeddings, vocabularySize);
        decoder(dir.resolve(DECODER));
    }

    private static void visionEncoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam3_vision_encoder");
        ONNXRef<?> images = g.floatInput("images", B, 3, IMAGE, IMAGE);
        g.floatOutput(pool(g, images, 2), "fpn_feat_0", B, CHANNELS, 16, 16);
        g.floatOutput(pool(g, images, 4), "fpn_feat_1", B, CHANNELS, 8, 8);
        ONNXRef<?> fpn2 = pool(g, images, 8);
        g.floatOutput(fpn2, "fpn_feat_2", B, CHANNELS, 4, 4);
        g.floatOutput(g.mul(fpn2, 0f), "fpn_pos_2", B, CHANNELS, 4, 4);
        g.write(file);
    }

    private static ONNXRef<?> pool(GraphBuilder g, ONNXRef<?> x, int k) {
        return g.op(OnnxOp.AVERAGE_POOL, Map.of("kernel_shape", new int[] {k, k}, "strides", new int[] {k, k}), x);
    }

    private static void textEncoder(Path file, Map<Integer, float[]> embeddings, int vocabularySize)
            throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam3_text_encoder");
        ONNXRef<?> ids = g.input("input_ids", DataType.INT64, B, CONTEXT);
        ONNXRef<?> attention = g.input("attention_mask", DataType.INT64, B, CONTEXT);
        float[] table = new float[vocabularySize * TEXT_DIM];
        embeddings.forEach((id, v) -> System.arraycopy(v, 0, table, id * TEXT_DIM, TEXT_DIM));
        ONNXRef<?> features = g.op(OnnxOp.GATHER, Map.of("axis", 0), g.tensor(table, vocabularySize, TEXT_DIM), ids);
        g.floatOutput(features, "text_features", B, CONTEXT, TEXT_DIM);
        g.output(g.op(OnnxOp.EQUAL, attention, g.longs(0)), "text_mask", DataType.BOOL, B, CONTEXT);
        g.write(file);
    }

    private static void decoder(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("miniature_sam3_decoder");
        ONNXRef<?> fpn0 = g.floatInput("fpn_feat_0", B, CHANNELS, 16, 16);
        g.floatInput("fpn_feat_1", B, CHANNELS, 8, 8);
        g.floatInput("fpn_feat_2", B, CHANNELS, 4, 4);
        g.floatInput("fpn_pos_2", B, CHANNELS, 4, 4);
        ONNXRef<?> text = g.floatInput("text_features", B, CONTEXT, TEXT_DIM);
        ONNXRef<?> textMask = g.input("text_mask", DataType.BOOL, B, CONTEXT);
        ONNXRef<?> inputBoxes = g.floatInput("input_boxes", B, GraphBuilder.DYNAMIC, 4);
        ONNXRef<?> boxLabels = g.input("input_boxes_labels", DataType.INT64, B, GraphBuilder.DYNAMIC);

        // Prompt = sum of the features of the tokens the mask keeps (text_mask true = padding).
        ONNXRef<?> keep = g.sub(g.scalar(1f), g.asFloat(textMask));
        ONNXRef<?> prompt = g.reduceSum(g.mul(text, g.reshape(keep, 0, CONTEXT, 1)), false, 1); // [b,4]
        float[] colourRows = new float[TEXT_DIM * CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            colourRows[c * CHANNELS + c] = 1f;
        }
        ONNXRef<?> colour = g.reshape(g.matmul(prompt, g.tensor(colourRows, TEXT_DIM, CHANNELS)), 0, 1, CHANNELS);
        ONNXRef<?> cells = g.reshape(fpn0, 0, CHANNELS, MASK * MASK);
        ONNXRef<?> logits = g.sub(g.reshape(g.matmul(colour, cells), 0, 1, MASK, MASK), g.scalar(2f));

        float[] bias = new float[QUERIES * MASK * MASK];
        for (int y = 0; y < MASK; y++) {
            for (int x = 0; x < MASK; x++) {
                int i = y * MASK + x;
                bias[i] = x < MASK / 2 ? 0f : -100f;
                bias[MASK * MASK + i] = x >= MASK / 2 ? 0f : -100f;
                bias[2 * MASK * MASK + i] = x < MASK / 2 && y >= 3 * MASK / 4 ? 0f : -100f;
            }
        }
        ONNXRef<?> masks = g.add(logits, g.tensor(bias, 1, QUERIES, MASK, MASK));
        g.floatOutput(masks, "pred_masks", B, QUERIES, MASK, MASK);

        float[] boxes = new float[QUERIES * 4];
        for (int q = 0; q < QUERIES; q++) {
            System.arraycopy(BOXES[q], 0, boxes, 4 * q, 4);
        }
        // q0's box is the first input box when that is a real one (label ≥ 0), else the constant.
        ONNXRef<?> constant = g.tensor(boxes, 1, QUERIES, 4);
        ONNXRef<?> first = g.op(OnnxOp.GATHER, Map.of("axis", 1), inputBoxes, g.longs(0)); // [b,1,4]
        ONNXRef<?> firstLabel = g.op(OnnxOp.GATHER, Map.of("axis", 1), boxLabels, g.longs(0)); // [b,1]
        ONNXRef<?> real = g.reshape(g.asFloat(g.op(OnnxOp.GREATER_OR_EQUAL, firstLabel, g.longs(0))), 0, 1, 1);
        ONNXRef<?> onlyQ0 = g.tensor(new float[] {1f, 0f, 0f}, 1, QUERIES, 1);
        ONNXRef<?> echoed = g.add(constant, g.mul(g.mul(real, onlyQ0), g.sub(first, constant)));
        g.floatOutput(echoed, "pred_boxes", B, QUERIES, 4);
        g.floatOutput(g.mul(g.reduce(OnnxOp.REDUCE_MAX, masks, false, 2, 3), 4f), "pred_logits", B, QUERIES);
        // Each positive box (label 1) adds 100 to the presence logit, each negative one (label 0) takes 100 away.
        ONNXRef<?> positives = g.reduceSum(g.asFloat(g.op(OnnxOp.EQUAL, boxLabels, g.longs(1))), true, 1); // [b,1]
        ONNXRef<?> negatives = g.reduceSum(g.asFloat(g.op(OnnxOp.EQUAL, boxLabels, g.longs(0))), true, 1);
        ONNXRef<?> presence = g.add(g.add(g.matmul(prompt, g.tensor(new float[] {0f, 0f, 0f, 20f}, TEXT_DIM, 1)),
                g.scalar(6f)), g.mul(g.sub(positives, negatives), 100f));
        g.floatOutput(presence, "presence_logits", B, 1);
        g.write(file);
    }
}
