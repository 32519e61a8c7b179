package io.maskstream.kit.reference;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (opset 13) the reference models use. Tribuo's own enum lacks MatMul, ReduceMax,
 * Reshape, Resize and friends, so the reference graphs use this one throughout.
 */
enum OnnxOp implements ONNXOperator {
    ADD("Add", 2),
    SUB("Sub", 2),
    MUL("Mul", 2),
    DIV("Div", 2),
    MIN("Min", 2),
    MAX("Max", 2),
    MATMUL("MatMul", 2),
    SIGMOID("Sigmoid", 1),
    EXP("Exp", 1),
    SQRT("Sqrt", 1),
    RELU("Relu", 1),
    IDENTITY("Identity", 1),
    EQUAL("Equal", 2),
    LESS("Less", 2),
    GREATER("Greater", 2),
    GREATER_OR_EQUAL("GreaterOrEqual", 2),
    LESS_OR_EQUAL("LessOrEqual", 2),
    GATHER("Gather", 2, attr("axis", AttributeType.INT)),
    CAST("Cast", 1, attr("to", AttributeType.INT)),
    RESHAPE("Reshape", 2),
    TRANSPOSE("Transpose", 1, attr("perm", AttributeType.INTS)),
    CONCAT("Concat", 2, attr("axis", AttributeType.INT)),
    SOFTMAX("Softmax", 1, attr("axis", AttributeType.INT)),
    /** Opset 13 ReduceSum takes its axes as a second input. */
    REDUCE_SUM("ReduceSum", 2, attr("keepdims", AttributeType.INT)),
    REDUCE_MEAN("ReduceMean", 1, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    REDUCE_MAX("ReduceMax", 1, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    REDUCE_MIN("ReduceMin", 1, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    AVERAGE_POOL("AveragePool", 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS)),
    /** Padding counts as −∞, so a max over a window that leaves the image sees only the image. */
    MAX_POOL("MaxPool", 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS)),
    SPACE_TO_DEPTH("SpaceToDepth", 1, attr("blocksize", AttributeType.INT)),
    /** Inputs data, starts, ends, axes. */
    SLICE("Slice", 4),
    /** Inputs X, roi, scales. */
    RESIZE("Resize", 3, attr("mode", AttributeType.STRING),
            attr("coordinate_transformation_mode", AttributeType.STRING));

    private final String opName;
    private final int numInputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOp(String opName, int numInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.numInputs = numInputs;
        Map<String, ONNXAttribute> map = new LinkedHashMap<>();
        for (ONNXAttribute a : attributes) {
            map.put(a.getName(), a);
        }
        this.attributes = Collections.unmodifiableMap(map);
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return numInputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return new TreeSet<>();
    }

    @Override
    public int getOpVersion() {
        return 13;
    }

    @Override
    public String getOpDomain() {
        return ""; // the default ONNX domain, which the model's opset import declares
    }
}
