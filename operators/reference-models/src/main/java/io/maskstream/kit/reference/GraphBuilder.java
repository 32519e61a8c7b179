package io.maskstream.kit.reference;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A thin layer over Tribuo's {@link ONNXContext}: named inputs and outputs with full shapes and
 * types (Tribuo only declares {@code [-1, C]} float inputs), constants, and the few operator
 * shorthands the reference graphs need.
 */
final class GraphBuilder {
    /** A dimension of size -1 is written as a symbolic (dynamic) axis. */
    static final long DYNAMIC = -1;

    private final ONNXContext ctx = new ONNXContext();
    private final List<OnnxMl.ValueInfoProto> inputs = new ArrayList<>();
    private final List<OnnxMl.ValueInfoProto> outputs = new ArrayList<>();
    private final String name;
    private int constants;

    GraphBuilder(String name) {
        this.name = name;
        ctx.setName(name);
    }

    ONNXRef<?> floatInput(String tensorName, long... dims) {
        return input(tensorName, DataType.FLOAT, dims);
    }

    ONNXRef<?> input(String tensorName, DataType type, long... dims) {
        ONNXPlaceholder p = ctx.floatInput(tensorName, 1);
        inputs.add(valueInfo(tensorName, type, dims));
        return p;
    }

    /** Declares {@code value} as the graph output {@code tensorName} (through an Identity node). */
    void output(ONNXRef<?> value, String tensorName, DataType type, long... dims) {
        ONNXPlaceholder p = ctx.floatOutput(tensorName, 1);
        ctx.assignTo(value, p);
        outputs.add(valueInfo(tensorName, type, dims));
    }

    void floatOutput(ONNXRef<?> value, String tensorName, long... dims) {
        output(value, tensorName, DataType.FLOAT, dims);
    }

    ONNXRef<?> tensor(float[] values, long... dims) {
        List<Integer> shape = new ArrayList<>();
        for (long d : dims) {
            shape.add((int) d);
        }
        return ctx.floatTensor("c" + (constants++), shape, fb -> fb.put(values));
    }

    ONNXRef<?> scalar(float v) {
        return ctx.constant("s" + (constants++), v);
    }

    ONNXRef<?> longs(long... values) {
        return ctx.array("l" + (constants++), values);
    }

    ONNXRef<?> op(OnnxOp op, Map<String, Object> attrs, ONNXRef<?>... in) {
        return ctx.operation(op, List.of(in), op.getOpName().toLowerCase(), attrs);
    }

    ONNXRef<?> op(OnnxOp op, ONNXRef<?>... in) {
        return op(op, Map.of(), in);
    }

    ONNXRef<?> add(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.ADD, a, b);
    }

    ONNXRef<?> sub(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.SUB, a, b);
    }

    ONNXRef<?> mul(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.MUL, a, b);
    }

    ONNXRef<?> mul(ONNXRef<?> a, float b) {
        return mul(a, scalar(b));
    }

    ONNXRef<?> div(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.DIV, a, b);
    }

    ONNXRef<?> matmul(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.MATMUL, a, b);
    }

    ONNXRef<?> square(ONNXRef<?> a) {
        return mul(a, a);
    }

    ONNXRef<?> reshape(ONNXRef<?> a, long... shape) {
        return op(OnnxOp.RESHAPE, a, longs(shape));
    }

    ONNXRef<?> transpose(ONNXRef<?> a, int... perm) {
        return op(OnnxOp.TRANSPOSE, Map.of("perm", perm), a);
    }

    ONNXRef<?> reduceSum(ONNXRef<?> a, boolean keep, long... axes) {
        return op(OnnxOp.REDUCE_SUM, Map.of("keepdims", keep ? 1 : 0), a, longs(axes));
    }

    ONNXRef<?> reduce(OnnxOp op, ONNXRef<?> a, boolean keep, int... axes) {
        return op(op, Map.of("axes", axes, "keepdims", keep ? 1 : 0), a);
    }

    ONNXRef<?> concat(int axis, ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.CONCAT, Map.of("axis", axis), a, b);
    }

    /** 1.0 where the boolean holds, else 0.0. */
    ONNXRef<?> asFloat(ONNXRef<?> bool) {
        return op(OnnxOp.CAST, Map.of("to", DataType.FLOAT.getNumber()), bool);
    }

    ONNXRef<?> cast(ONNXRef<?> a, DataType to) {
        return op(OnnxOp.CAST, Map.of("to", to.getNumber()), a);
    }

    /** Writes the graph as a model (IR 8, opset 13). */
    void write(Path file) throws IOException {
        OnnxMl.GraphProto graph = ctx.buildGraph().toBuilder()
                .clearInput().addAllInput(inputs)
                .clearOutput().addAllOutput(outputs)
                .build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("maskstream-reference")
                .setProducerVersion("1")
                .setDomain("io.maskstream")
                .setModelVersion(1)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setGraph(graph)
                .build();
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    private OnnxMl.ValueInfoProto valueInfo(String tensorName, DataType type, long[] dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (dims[i] == DYNAMIC) {
                d.setDimParam(tensorName + "_" + i);
            } else {
                d.setDimValue(dims[i]);
            }
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(tensorName)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(inputs.stream().map(OnnxMl.ValueInfoProto::getName).toArray());
    }
}
