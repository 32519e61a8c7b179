package io.maskstream.kit.reference;

import java.io.IOException;
import java.nio.file.Path;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The reference image decoder as it was built before it was restructured for speed: one
 * prompt per call, the point distances computed on [P, H·W]. Kept only so that
 * {@code ImageDecoderEquivalenceTest} can show the shipped graph computes the same bits.
 */
final class LegacyImageDecoder {
    private static final int PIXELS = ReferenceModels.INPUT_WIDTH * ReferenceModels.INPUT_HEIGHT;

    private LegacyImageDecoder() {}

    static void build(Path file) throws IOException {
        GraphBuilder g = new GraphBuilder("reference_image_decoder");
        long dyn = GraphBuilder.DYNAMIC;
        ONNXRef<?> coords = g.floatInput("point_coords", 1, dyn, 2);
        ONNXRef<?> labels = g.floatInput("point_labels", 1, dyn);
        ONNXRef<?> embed = g.floatInput("image_embed", 1, ReferenceModels.KEY_CHANNELS, ReferenceModels.GRID_HEIGHT, ReferenceModels.GRID_WIDTH);
        ONNXRef<?> hr0 = g.floatInput("high_res_feats_0", 1, 3, ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH);
        ONNXRef<?> hr1 = g.floatInput("high_res_feats_1", 1, 3, ReferenceModels.INPUT_HEIGHT / 2, ReferenceModels.INPUT_WIDTH / 2);

        float[] px = new float[PIXELS];
        float[] py = new float[PIXELS];
        for (int y = 0; y < ReferenceModels.INPUT_HEIGHT; y++) {
            for (int x = 0; x < ReferenceModels.INPUT_WIDTH; x++) {
                px[y * ReferenceModels.INPUT_WIDTH + x] = x + 0.5f;
                py[y * ReferenceModels.INPUT_WIDTH + x] = y + 0.5f;
            }
        }
        ONNXRef<?> gx = g.tensor(px, 1, 1, PIXELS);
        ONNXRef<?> gy = g.tensor(py, 1, 1, PIXELS);
        ONNXRef<?> cx = g.matmul(coords, g.tensor(new float[] {1f, 0f}, 2, 1)); // [1,P,1]
        ONNXRef<?> cy = g.matmul(coords, g.tensor(new float[] {0f, 1f}, 2, 1));
        ONNXRef<?> lab = g.reshape(labels, 1, -1, 1);
        ONNXRef<?> d2 = g.add(g.square(g.sub(gx, cx)), g.square(g.sub(gy, cy))); // [1,P,HW]
        ONNXRef<?> positive = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(1f)));
        ONNXRef<?> disc = g.reduce(OnnxOp.REDUCE_MAX,
                g.mul(g.asFloat(g.op(OnnxOp.LESS, d2, g.scalar(ReferenceModels.POINT_RADIUS * ReferenceModels.POINT_RADIUS))), positive), true, 1);
        ONNXRef<?> core = g.reduce(OnnxOp.REDUCE_MAX,
                g.mul(g.asFloat(g.op(OnnxOp.LESS, d2, g.scalar(6.25f))), positive), true, 1);
        ONNXRef<?> c1 = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(2f)));
        ONNXRef<?> c2 = g.asFloat(g.op(OnnxOp.EQUAL, lab, g.scalar(3f)));
        ONNXRef<?> hasBox = g.reduceSum(c1, true, 1); // [1,1,1]
        ONNXRef<?> x1 = g.reduceSum(g.mul(cx, c1), true, 1);
        ONNXRef<?> y1 = g.reduceSum(g.mul(cy, c1), true, 1);
        ONNXRef<?> x2 = g.reduceSum(g.mul(cx, c2), true, 1);
        ONNXRef<?> y2 = g.reduceSum(g.mul(cy, c2), true, 1);
        ONNXRef<?> inBox = g.mul(inside(g, gx, gy, x1, y1, x2, y2), hasBox);
        ONNXRef<?> qx1 = g.add(g.mul(x1, 0.75f), g.mul(x2, 0.25f));
        ONNXRef<?> qx2 = g.add(g.mul(x1, 0.25f), g.mul(x2, 0.75f));
        ONNXRef<?> qy1 = g.add(g.mul(y1, 0.75f), g.mul(y2, 0.25f));
        ONNXRef<?> qy2 = g.add(g.mul(y1, 0.25f), g.mul(y2, 0.75f));
        ONNXRef<?> inCentre = g.mul(inside(g, gx, gy, qx1, qy1, qx2, qy2), hasBox);
        ONNXRef<?> gate = g.op(OnnxOp.MAX, inBox, disc); // [1,1,HW]
        ONNXRef<?> weight = g.op(OnnxOp.MAX, inCentre, core);

        ONNXRef<?> x = g.reshape(hr0, 1, 3, PIXELS);
        ONNXRef<?> colour = g.div(g.reduceSum(g.mul(x, weight), true, 2),
                g.add(g.reduceSum(weight, true, 2), g.scalar(1e-6f))); // [1,3,1]
        ONNXRef<?> dist = g.reduceSum(g.square(g.sub(x, colour)), true, 1); // [1,1,HW]
        ONNXRef<?> logits = g.op(OnnxOp.MIN, g.mul(g.sub(gate, g.scalar(0.5f)), ReferenceModels.GATE_GAIN),
                g.mul(g.sub(g.scalar(ReferenceModels.TRACK_TAU2), dist), ReferenceModels.TRACK_BETA));
        logits = g.add(logits, g.mul(g.add(g.reduceSum(embed, false), g.reduceSum(hr1, false)), 0f));
        g.floatOutput(g.reshape(logits, 1, 1, ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH), "pred_mask", 1, 1, ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH);
        g.floatOutput(g.reshape(g.op(OnnxOp.SIGMOID, logits), 1, 1, ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH), "mask_for_mem",
                1, 1, ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH);
        float[] widen = new float[3 * ReferenceModels.KEY_CHANNELS];
        for (int c = 0; c < 3; c++) {
            widen[c * ReferenceModels.KEY_CHANNELS + c] = 1f;
        }
        // The object pointer: the prompted object's colour, and in channel 3 its presence (1 when at least
        // one pixel weighed in; a box too thin to have a pixel centre in its middle gives no pointer).
        float[] presenceChannel = new float[ReferenceModels.KEY_CHANNELS];
        presenceChannel[3] = 1f;
        ONNXRef<?> presence = g.op(OnnxOp.MIN, g.reshape(g.reduceSum(weight, true, 2), 1, 1), g.scalar(1f)); // [1,1]
        ONNXRef<?> pointer = g.mul(g.matmul(g.reshape(colour, 1, 3), g.tensor(widen, 3, ReferenceModels.KEY_CHANNELS)), presence);
        pointer = g.add(pointer, g.mul(presence, g.tensor(presenceChannel, 1, ReferenceModels.KEY_CHANNELS)));
        g.floatOutput(pointer, "obj_ptr", 1, ReferenceModels.KEY_CHANNELS);
        g.write(file);
    }

    private static ONNXRef<?> inside(GraphBuilder g, ONNXRef<?> gx, ONNXRef<?> gy, ONNXRef<?> x1, ONNXRef<?> y1,
                                     ONNXRef<?> x2, ONNXRef<?> y2) {
        ONNXRef<?> a = g.asFloat(g.op(OnnxOp.GREATER_OR_EQUAL, gx, x1));
        ONNXRef<?> b = g.asFloat(g.op(OnnxOp.LESS_OR_EQUAL, gx, x2));
        ONNXRef<?> c = g.asFloat(g.op(OnnxOp.GREATER_OR_EQUAL, gy, y1));
        ONNXRef<?> d = g.asFloat(g.op(OnnxOp.LESS_OR_EQUAL, gy, y2));
        return g.mul(g.mul(a, b), g.mul(c, d));
    }
}
