package io.maskstream.kit.coco.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsToOnnxTest {
    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * NCHW input → zero Pad → Transpose to NHWC → Conv2D 3×3 (float16 filter) → Add bias → Transpose to NCHW →
     * LeakyRelu → {@code extraOp} (or nothing), as TF.js writes a converted PyTorch layer.
     */
    private Path[] graph(String extraOp) throws IOException {
        String conv = "{\"name\":\"conv\",\"op\":\"Conv2D\",\"input\":[\"to_nhwc\",\"filter\"],\"attr\":{"
                + "\"padding\":{\"s\":\"" + b64("VALID") + "\"},\"data_format\":{\"s\":\"" + b64("NHWC") + "\"},"
                + "\"strides\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}},"
                + "\"dilations\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}}}}";
        String last = extraOp == null ? "relu" : "extra";
        String json = "{\"format\":\"graph-model\",\"signature\":{\"outputs\":{\"Identity:0\":{\"name\":\"Identity:0\","
                + "\"tensorShape\":{\"dim\":[{\"size\":\"1\"},{\"size\":\"4\"},{\"size\":\"8\"},{\"size\":\"8\"}]}}}},"
                + "\"modelTopology\":{\"node\":["
                + "{\"name\":\"input\",\"op\":\"Placeholder\",\"attr\":{\"shape\":{\"shape\":{\"dim\":[{\"size\":\"1\"},"
                + "{\"size\":\"3\"},{\"size\":\"8\"},{\"size\":\"8\"}]}}}},"
                + "{\"name\":\"pads\",\"op\":\"Const\"},{\"name\":\"filter\",\"op\":\"Const\"},"
                + "{\"name\":\"bias\",\"op\":\"Const\"},{\"name\":\"nhwc\",\"op\":\"Const\"},"
                + "{\"name\":\"nchw\",\"op\":\"Const\"},"
                + "{\"name\":\"pad\",\"op\":\"Pad\",\"input\":[\"input\",\"pads\"]},"
                + "{\"name\":\"to_nhwc\",\"op\":\"Transpose\",\"input\":[\"pad\",\"nhwc\"]},"
                + conv + ","
                + "{\"name\":\"add\",\"op\":\"Add\",\"input\":[\"conv\",\"bias\"]},"
                + "{\"name\":\"to_nchw\",\"op\":\"Transpose\",\"input\":[\"add\",\"nchw\"]},"
                + "{\"name\":\"relu\",\"op\":\"LeakyRelu\",\"input\":[\"to_nchw\"],\"attr\":{\"alpha\":{\"f\":0.1}}},"
                + (extraOp == null ? "" : "{\"name\":\"extra\",\"op\":\"" + extraOp + "\",\"input\":[\"relu\"]},")
                + "{\"name\":\"Identity\",\"op\":\"Identity\",\"input\":[\"" + last + "\"]}]},"
                + "\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":["
                + "{\"name\":\"pads\",\"shape\":[4,2],\"dtype\":\"int32\"},"
                + "{\"name\":\"filter\",\"shape\":[3,3,3,4],\"dtype\":\"float32\","
                + "\"quantization\":{\"dtype\":\"float16\",\"original_dtype\":\"float32\"}},"
                + "{\"name\":\"bias\",\"shape\":[4],\"dtype\":\"float32\","
                + "\"quantization\":{\"dtype\":\"uint8\",\"min\":-1.0,\"scale\":0.5,\"original_dtype\":\"float32\"}},"
                + "{\"name\":\"nhwc\",\"shape\":[4],\"dtype\":\"int32\"},"
                + "{\"name\":\"nchw\",\"shape\":[4],\"dtype\":\"int32\"}]}]}";
        ByteBuffer w = ByteBuffer.allocate(8 * 4 + 108 * 2 + 4 + 2 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[] {0, 0, 0, 0, 1, 1, 1, 1}) {
            w.putInt(v);
        }
        for (int i = 0; i < 108; i++) {
            w.putShort((short) 0x3c00); // 1.0 in float16
        }
        w.put(new byte[] {0, 1, 2, 3}); // bias -1, -0.5, 0, 0.5
        for (int v : new int[] {0, 2, 3, 1, 0, 3, 1, 2}) {
            w.putInt(v);
        }
        Path model = dir.resolve("model.json");
        Path weights = dir.resolve("w.bin");
        Files.writeString(model, json);
        Files.write(weights, w.array());
        return new Path[] {model, weights};
    }

    private static byte[] bytes(OnnxMl.ModelProto model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void aChannelsLastConvLayerBecomesOneChannelsFirstConvWithItsPaddingAndBias() throws IOException {
        Path[] g = graph(null);

        OnnxMl.GraphProto onnx = TfjsToOnnx.convert(g[0], g[1]).getGraph();

        assertThat(onnx.getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("Cast", "Conv", "LeakyRelu", "Identity");
        OnnxMl.NodeProto conv = onnx.getNode(1);
        assertThat(conv.getInput(0)).isEqualTo("input");
        assertThat(conv.getInputCount()).as("input, weights, bias").isEqualTo(3);
        assertThat(conv.getAttributeList()).filteredOn(a -> a.getName().equals("pads"))
                .singleElement().extracting(OnnxMl.AttributeProto::getIntsList).isEqualTo(List.of(1L, 1L, 1L, 1L));
        OnnxMl.TensorProto filter = onnx.getInitializerList().stream()
                .filter(t -> t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT16.getNumber()).findFirst().orElseThrow();
        assertThat(filter.getDimsList()).as("[out, in, height, width]").containsExactly(4L, 3L, 3L, 3L);
    }

    @Test
    void uint8WeightsAreDequantizedWithTheManifestsScaleAndMin() throws IOException {
        Path[] g = graph(null);

        OnnxMl.TensorProto bias = TfjsToOnnx.convert(g[0], g[1]).getGraph().getInitializerList().stream()
                .filter(t -> t.getName().endsWith("bias")).findFirst().orElseThrow();

        ByteBuffer b = bias.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[4];
        b.asFloatBuffer().get(values);
        assertThat(values).containsExactly(-1f, -0.5f, 0f, 0.5f);
    }

    @Test
    void convertingTheSameFilesTwiceGivesTheSameBytes() throws IOException {
        Path[] g = graph(null);

        assertThat(bytes(TfjsToOnnx.convert(g[0], g[1]))).isEqualTo(bytes(TfjsToOnnx.convert(g[0], g[1])));
    }

    @Test
    void anUnsupportedOpFailsNamingTheOpAndItsNode() throws IOException {
        Path[] g = graph("Softplus");

        assertThatThrownBy(() -> TfjsToOnnx.convert(g[0], g[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Softplus").hasMessageContaining("extra");
    }

    @Test
    void float16BitsConvertExactly() {
        assertThat(TfjsToOnnx.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(TfjsToOnnx.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(TfjsToOnnx.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(TfjsToOnnx.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(TfjsToOnnx.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(TfjsToOnnx.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }
}
