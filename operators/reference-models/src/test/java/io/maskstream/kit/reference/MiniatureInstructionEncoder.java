package io.maskstream.kit.reference;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A miniature instruction encoder in the layout a manifest's {@code instructionEncoder} role declares
 * (the concept encoder's: {@code input_ids}, {@code attention_mask} → {@code text_features},
 * {@code text_mask}), added to a reference model directory: as a SAM3-I adapter would, it turns an
 * instruction into the features the detector consumes. Its vocabulary holds the colour words (the
 * reference detector's concepts, same ids and features) and a few instruction words whose tokens it
 * masks out, so "the blue object" prompts the detector as "blue" does.
 */
final class MiniatureInstructionEncoder {
    static final String FILE = "instruction_encoder.onnx";
    static final List<String> INSTRUCTION_WORDS = List.of("the", "a", "object", "thing", "leftmost", "largest");

    private MiniatureInstructionEncoder() {}

    /** Writes the encoder into {@code dir} (a reference model directory) and declares it in its model.json. */
    static void addTo(Path dir) throws IOException {
        int colours = ReferenceModels.CONCEPT_COLOURS.size();
        int vocab = ReferenceModels.SPECIAL_TOKENS + colours + INSTRUCTION_WORDS.size();
        int context = ReferenceModels.CONTEXT_LENGTH;
        float[] table = new float[vocab * 3];
        float[] keep = new float[vocab];
        int row = ReferenceModels.SPECIAL_TOKENS;
        for (int[] rgb : ReferenceModels.CONCEPT_COLOURS.values()) {
            for (int c = 0; c < 3; c++) {
                table[row * 3 + c] = ReferenceModels.normalise(rgb[c]);
            }
            keep[row] = 1;
            row++;
        }
        GraphBuilder g = new GraphBuilder("miniature_instruction_encoder");
        ONNXRef<?> ids = g.input("input_ids", DataType.INT64, GraphBuilder.DYNAMIC, context);
        ONNXRef<?> attention = g.input("attention_mask", DataType.INT64, GraphBuilder.DYNAMIC, context);
        ONNXRef<?> embedded = g.op(OnnxOp.GATHER, Map.of("axis", 0), g.tensor(table, vocab, 3), ids);
        // a token counts when it is attended and carries a colour: instruction words only steer the choice
        ONNXRef<?> kept = g.mul(g.op(OnnxOp.GATHER, Map.of("axis", 0), g.tensor(keep, vocab), ids), g.asFloat(attention));
        g.floatOutput(g.mul(embedded, g.op(OnnxOp.RESHAPE, kept, g.longs(0, context, 1))), "instruction_features",
                GraphBuilder.DYNAMIC, context, 3);
        g.output(g.cast(kept, DataType.BOOL), "instruction_mask", DataType.BOOL, GraphBuilder.DYNAMIC, context);
        g.write(dir.resolve(FILE));

        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(dir.resolve("model.json").toFile());
        ObjectNode roles = (ObjectNode) manifest.get("roles");
        ObjectNode role = roles.putObject("instructionEncoder");
        ObjectNode tokenizer = ((ObjectNode) roles.get("conceptEncoder").get("tokenizer")).deepCopy();
        ObjectNode words = (ObjectNode) tokenizer.get("vocabulary");
        for (int i = 0; i < INSTRUCTION_WORDS.size(); i++) {
            words.put(INSTRUCTION_WORDS.get(i), ReferenceModels.SPECIAL_TOKENS + colours + i);
        }
        role.set("tokenizer", tokenizer);
        ObjectNode encoder = role.putObject("textEncoder");
        encoder.put("file", FILE);
        ObjectNode inputs = encoder.putObject("inputs");
        inputs.putObject("inputIds").put("name", "input_ids").put("rank", 2);
        inputs.putObject("attentionMask").put("name", "attention_mask").put("rank", 2);
        ObjectNode outputs = encoder.putObject("outputs");
        outputs.putObject("features").put("name", "instruction_features").put("rank", 3);
        outputs.putObject("mask").put("name", "instruction_mask").put("rank", 2);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), manifest);
    }
}
