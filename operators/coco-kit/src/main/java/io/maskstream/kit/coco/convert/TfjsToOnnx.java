package io.maskstream.kit.coco.convert;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a TensorFlow.js graph model ({@code model.json} + weight shards) to ONNX (IR 8, opset 17), covering the
 * ops of NanoDet's graph: Placeholder, Const, Identity, Conv2D, Add/AddV2, Pad/PadV2, MaxPool, LeakyRelu, ConcatV2,
 * ResizeBilinear, SplitV, Sigmoid, Reshape, Transpose and SparseToDense. Any other op fails the conversion by name.
 *
 * <p>Weights are dequantized as the manifest's {@code quantization} field says: float16 weights stay float16 in the
 * file (half the size) behind a Cast to float, which is exact and folded by ONNX Runtime at load; uint8/uint16
 * weights become {@code min + scale × q} in float. Integer-only subgraphs (shape arithmetic) are folded here.
 *
 * <p>TF.js keeps TensorFlow's channels-last layout inside the graph (Conv2D, MaxPool and ResizeBilinear on NHWC,
 * with Transposes from and to the model's NCHW input). ONNX's ops are channels-first, so each such op is written
 * between two Transposes; a Transpose of a Transpose collapses to one (or none), and a Conv2D's 1-D bias Add folds
 * into the Conv, which leaves plain NCHW Conv layers. Nodes whose outputs nobody reads are dropped. The output is a
 * pure function of the input files: the same files give the same bytes.
 */
public final class TfjsToOnnx {
    static final int OPSET = 17;
    private static final int[] TO_NCHW = {0, 3, 1, 2};
    private static final int[] TO_NHWC = {0, 2, 3, 1};
    /** Float tensors up to this many elements are written as float even when stored as float16. */
    private static final int SMALL = 16;

    /** A constant known at conversion time: float (with its float16 bits when stored so) or integer. */
    record Constant(int[] shape, float[] floats, short[] halves, long[] ints) {
        boolean isFloat() {
            return floats != null;
        }

        int size() {
            return isFloat() ? floats.length : ints.length;
        }
    }

    /** A value that is {@code source} transposed by {@code perm}. */
    private record Transposed(String source, int[] perm) {}

    /** A value that is {@code source} padded with zeros ({@code pads} in ONNX order: all begins, then all ends). */
    private record ZeroPadded(String source, long[] pads) {}

    private final Map<String, JsonNode> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Map<String, Constant> constants = new HashMap<>();
    private final Map<String, String> converted = new HashMap<>();
    private final Map<String, Transposed> transposes = new HashMap<>();
    private final Map<String, ZeroPadded> zeroPadded = new HashMap<>();
    private final Map<String, OnnxMl.NodeProto.Builder> convOf = new HashMap<>();
    private final Map<String, String> materialized = new HashMap<>();
    private final List<OnnxMl.NodeProto.Builder> onnxNodes = new ArrayList<>();
    private final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
    private final List<OnnxMl.ValueInfoProto> inputs = new ArrayList<>();

    private TfjsToOnnx() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TfjsToOnnx MODEL.json WEIGHTS.bin OUT.onnx");
            System.exit(2);
        }
        OnnxMl.ModelProto model = convert(Path.of(args[0]), Path.of(args[1]));
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            model.writeTo(out);
        }
        System.out.println("wrote " + args[2] + ": " + model.getGraph().getNodeCount() + " nodes, "
                + model.getGraph().getInitializerCount() + " initializers");
    }

    /**
     * The ONNX model of a TF.js graph model whose weights are all in {@code weights} (the manifest's shards
     * concatenated in manifest order).
     */
    public static OnnxMl.ModelProto convert(Path modelJson, Path weights) throws IOException {
        JsonNode json = new ObjectMapper().readTree(modelJson.toFile());
        if (!"graph-model".equals(json.path("format").asText())) {
            throw new IllegalArgumentException(modelJson + " is not a TF.js graph model (format "
                    + json.path("format") + ")");
        }
        return new TfjsToOnnx().build(json, Files.readAllBytes(weights));
    }

    private OnnxMl.ModelProto build(JsonNode json, byte[] weights) {
        for (JsonNode node : json.path("modelTopology").path("node")) {
            nodes.put(node.path("name").asText(), node);
            for (JsonNode in : node.path("input")) {
                if (!in.asText().startsWith("^")) {
                    consumers.merge(in.asText(), 1, Integer::sum);
                }
            }
        }
        readWeights(json.path("weightsManifest"), weights);
        List<OnnxMl.ValueInfoProto> outputs = new ArrayList<>();
        json.path("signature").path("outputs").fields().forEachRemaining(e -> {
            String name = strip(e.getKey());
            String value = value(name);
            onnxNodes.add(node("Identity", name + "/output", List.of(value), List.of(name)));
            outputs.add(valueInfo(name, e.getValue().path("tensorShape")));
        });
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("tfjs-graph");
        liveNodes(outputs).forEach(graph::addNode);
        Set<String> read = new HashSet<>();
        graph.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        initializers.stream().filter(t -> read.contains(t.getName())).forEach(graph::addInitializer);
        graph.addAllInput(inputs).addAllOutput(outputs);
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("maskstream TfjsToOnnx")
                .setProducerVersion("1")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    // ---- weights

    private void readWeights(JsonNode manifest, byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode group : manifest) {
            for (JsonNode w : group.path("weights")) {
                int[] shape = ints(w.path("shape"));
                int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
                JsonNode q = w.path("quantization");
                String dtype = w.path("dtype").asText();
                Constant c;
                if (!q.isMissingNode()) {
                    c = dequantize(q, shape, n, buf);
                } else if (dtype.equals("float32")) {
                    float[] f = new float[n];
                    buf.asFloatBuffer().get(f);
                    buf.position(buf.position() + 4 * n);
                    c = new Constant(shape, f, null, null);
                } else if (dtype.equals("int32")) {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = buf.getInt();
                    }
                    c = new Constant(shape, null, null, v);
                } else {
                    throw new IllegalArgumentException("weight " + w.path("name").asText() + " has unsupported dtype "
                            + dtype);
                }
                constants.put(w.path("name").asText(), c);
            }
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("weights file has " + buf.remaining() + " bytes the manifest does not "
                    + "describe");
        }
    }

    private static Constant dequantize(JsonNode q, int[] shape, int n, ByteBuffer buf) {
        String stored = q.path("dtype").asText();
        if (stored.equals("float16")) {
            short[] h = new short[n];
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                h[i] = buf.getShort();
                f[i] = halfToFloat(h[i]);
            }
            return new Constant(shape, f, h, null);
        }
        if (stored.equals("uint8") || stored.equals("uint16")) {
            float scale = (float) q.path("scale").asDouble();
            float min = (float) q.path("min").asDouble();
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                int v = stored.equals("uint8") ? buf.get() & 0xff : buf.getShort() & 0xffff;
                f[i] = v * scale + min;
            }
            return new Constant(shape, f, null, null);
        }
        throw new IllegalArgumentException("unsupported weight quantization " + stored);
    }

    // ---- graph walk

    /** The ONNX value of TF tensor {@code ref} ({@code node} or {@code node:k}), converting its node first. */
    private String value(String ref) {
        String done = converted.get(ref);
        if (done != null) {
            return done;
        }
        String nodeName = nodeName(ref);
        if (constants.containsKey(nodeName)) {
            return materialize(nodeName);
        }
        JsonNode node = nodes.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("graph refers to missing node " + ref);
        }
        convertNode(nodeName, node);
        String out = converted.get(ref.contains(":") ? ref : nodeName);
        if (out == null) {
            throw new IllegalStateException("node " + nodeName + " (" + node.path("op").asText() + ") has no output "
                    + ref);
        }
        return out;
    }

    /** The constant TF tensor {@code ref}, if it is known at conversion time (after folding). */
    private Constant constant(String ref) {
        String nodeName = nodeName(ref);
        if (constants.containsKey(nodeName)) {
            return constants.get(nodeName);
        }
        JsonNode node = nodes.get(nodeName);
        if (node != null && !converted.containsKey(nodeName) && isFoldable(node)) {
            convertNode(nodeName, node);
        }
        return constants.get(nodeName);
    }

    private boolean isFoldable(JsonNode node) {
        String op = node.path("op").asText();
        if (!(op.equals("SparseToDense") || op.equals("AddV2") || op.equals("Add"))) {
            return false;
        }
        for (String in : inputs(node)) {
            if (constant(in) == null) {
                return false;
            }
        }
        return true;
    }

    private void convertNode(String name, JsonNode node) {
        String op = node.path("op").asText();
        List<String> in = inputs(node);
        if (isFoldable(node)) {
            constants.put(name, fold(op, in));
            converted.put(name, materialize(name));
            return;
        }
        switch (op) {
            case "Placeholder" -> {
                inputs.add(valueInfo(name, node.path("attr").path("shape").path("shape")));
                converted.put(name, name);
            }
            case "Identity" -> converted.put(name, value(in.get(0)));
            case "Transpose" -> converted.put(name, transpose(value(in.get(0)), toInts(constant(in.get(1))), name));
            case "Conv2D" -> conv2d(name, node, in);
            case "Add", "AddV2" -> add(name, in);
            case "Pad", "PadV2" -> pad(name, in);
            case "MaxPool" -> maxPool(name, node, in);
            case "LeakyRelu" -> {
                OnnxMl.NodeProto.Builder n = node("LeakyRelu", name, List.of(value(in.get(0))), List.of(name));
                n.addAttribute(attr("alpha", (float) node.path("attr").path("alpha").path("f").asDouble(0.2)));
                add(n, name);
            }
            case "Sigmoid" -> add(node("Sigmoid", name, List.of(value(in.get(0))), List.of(name)), name);
            case "ConcatV2" -> {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < in.size() - 1; i++) {
                    values.add(value(in.get(i)));
                }
                OnnxMl.NodeProto.Builder n = node("Concat", name, values, List.of(name));
                n.addAttribute(attr("axis", scalar(constant(in.get(in.size() - 1)))));
                add(n, name);
            }
            case "Reshape" -> add(node("Reshape", name,
                    List.of(value(in.get(0)), longs(name + "/shape", toLongs(constant(in.get(1))))), List.of(name)),
                    name);
            case "SplitV" -> splitV(name, in);
            case "ResizeBilinear" -> resizeBilinear(name, node, in);
            default -> throw new IllegalArgumentException("unsupported TF.js op " + op + " (node " + name + ")");
        }
    }

    // ---- ops

    private void conv2d(String name, JsonNode node, List<String> in) {
        JsonNode attr = node.path("attr");
        boolean nhwc = !"NCHW".equals(decode(attr.path("data_format")));
        Constant filter = constant(in.get(1));
        if (filter == null || !filter.isFloat() || filter.shape().length != 4) {
            throw new IllegalArgumentException("Conv2D " + name + " needs a constant 4-D filter");
        }
        String x = value(in.get(0));
        if (nhwc) {
            x = transpose(x, TO_NCHW, name + "/to_nchw");
        }
        // TF filters are [height, width, in, out]; ONNX wants [out, in, height, width].
        Constant w = permute(filter, new int[] {3, 2, 0, 1});
        String wName = tensor(name + "/filter", w);
        // A zero Pad of the spatial axes before a VALID convolution is the convolution's own padding.
        ZeroPadded padded = zeroPadded.get(x);
        long[] pads = null;
        if (padded != null && decode(attr.path("padding")).equals("VALID") && padded.pads().length == 8
                && padded.pads()[0] == 0 && padded.pads()[1] == 0 && padded.pads()[4] == 0 && padded.pads()[5] == 0) {
            x = padded.source();
            pads = new long[] {padded.pads()[2], padded.pads()[3], padded.pads()[6], padded.pads()[7]};
        }
        OnnxMl.NodeProto.Builder conv = node("Conv", name, List.of(x, wName), List.of(name + "/nchw"));
        if (pads != null) {
            conv.addAttribute(attr("pads", pads));
        }
        int[] strides = ints(attr.path("strides").path("list").path("i"));
        int[] dilations = ints(attr.path("dilations").path("list").path("i"));
        int h = nhwc ? 1 : 2;
        conv.addAttribute(attr("kernel_shape", new long[] {filter.shape()[0], filter.shape()[1]}));
        conv.addAttribute(attr("strides", new long[] {strides[h], strides[h + 1]}));
        if (dilations.length == 4) {
            conv.addAttribute(attr("dilations", new long[] {dilations[h], dilations[h + 1]}));
        }
        padding(conv, attr, name);
        add(conv, name);
        String out = nhwc ? transpose(name + "/nchw", TO_NHWC, name) : name + "/nchw";
        convOf.put(out, conv);
        converted.put(name, out);
    }

    private static void padding(OnnxMl.NodeProto.Builder n, JsonNode attr, String name) {
        String padding = decode(attr.path("padding"));
        if (padding.equals("SAME")) {
            n.addAttribute(attr("auto_pad", "SAME_UPPER"));
        } else if (!padding.equals("VALID")) {
            throw new IllegalArgumentException(name + ": unsupported padding " + padding);
        }
    }

    private void add(String name, List<String> in) {
        Constant bias = constant(in.get(1));
        String x = value(in.get(0));
        OnnxMl.NodeProto.Builder conv = convOf.get(x);
        if (bias != null && bias.isFloat() && bias.shape().length == 1 && conv != null && conv.getInputCount() == 2
                && consumers.getOrDefault(in.get(0), 0) == 1) {
            // Conv2D + per-channel Add is a Conv with a bias.
            conv.addInput(tensor(name + "/bias", bias));
            converted.put(name, x);
            return;
        }
        add(node("Add", name, List.of(x, value(in.get(1))), List.of(name)), name);
    }

    private void pad(String name, List<String> in) {
        Constant paddings = constant(in.get(1));
        int rank = paddings.shape()[0];
        long[] pads = new long[2 * rank];
        for (int d = 0; d < rank; d++) {
            pads[d] = paddings.ints()[2 * d];
            pads[rank + d] = paddings.ints()[2 * d + 1];
        }
        String x = value(in.get(0));
        List<String> args = new ArrayList<>(List.of(x, longs(name + "/pads", pads)));
        if (in.size() == 2) {
            zeroPadded.put(name, new ZeroPadded(x, pads));
        } else {
            Constant fill = constant(in.get(2));
            args.add(tensor(name + "/value", new Constant(new int[0], new float[] {fill.floats()[0]}, null, null)));
        }
        OnnxMl.NodeProto.Builder n = node("Pad", name, args, List.of(name));
        n.addAttribute(attr("mode", "constant"));
        add(n, name);
    }

    private void maxPool(String name, JsonNode node, List<String> in) {
        JsonNode attr = node.path("attr");
        boolean nhwc = !"NCHW".equals(decode(attr.path("data_format")));
        int h = nhwc ? 1 : 2;
        int[] k = ints(attr.path("ksize").path("list").path("i"));
        int[] s = ints(attr.path("strides").path("list").path("i"));
        String x = value(in.get(0));
        if (nhwc) {
            x = transpose(x, TO_NCHW, name + "/to_nchw");
        }
        OnnxMl.NodeProto.Builder n = node("MaxPool", name, List.of(x), List.of(name + "/nchw"));
        n.addAttribute(attr("kernel_shape", new long[] {k[h], k[h + 1]}));
        n.addAttribute(attr("strides", new long[] {s[h], s[h + 1]}));
        padding(n, attr, name);
        add(n, name);
        converted.put(name, nhwc ? transpose(name + "/nchw", TO_NHWC, name) : name + "/nchw");
    }

    private void splitV(String name, List<String> in) {
        long[] sizes = toLongs(constant(in.get(1)));
        long axis = scalar(constant(in.get(2)));
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            outs.add(i == 0 ? name : name + ":" + i);
        }
        OnnxMl.NodeProto.Builder n = node("Split", name, List.of(value(in.get(0)), longs(name + "/sizes", sizes)), outs);
        n.addAttribute(attr("axis", axis));
        onnxNodes.add(n);
        for (String o : outs) {
            converted.put(o, o);
        }
    }

    private void resizeBilinear(String name, JsonNode node, List<String> in) {
        JsonNode attr = node.path("attr");
        String mode = attr.path("align_corners").path("b").asBoolean() ? "align_corners"
                : attr.path("half_pixel_centers").path("b").asBoolean() ? "half_pixel" : "asymmetric";
        long[] size = toLongs(constant(in.get(1)));
        String x = transpose(value(in.get(0)), TO_NCHW, name + "/to_nchw");
        // sizes = [N, C] of the input followed by the requested [height, width].
        OnnxMl.NodeProto.Builder shape = node("Shape", name + "/batch_channels", List.of(x),
                List.of(name + "/batch_channels"));
        shape.addAttribute(attr("end", 2L));
        onnxNodes.add(shape);
        OnnxMl.NodeProto.Builder sizes = node("Concat", name + "/sizes",
                List.of(name + "/batch_channels", longs(name + "/height_width", size)), List.of(name + "/sizes"));
        sizes.addAttribute(attr("axis", 0L));
        onnxNodes.add(sizes);
        OnnxMl.NodeProto.Builder n = node("Resize", name, List.of(x, "", "", name + "/sizes"), List.of(name + "/nchw"));
        n.addAttribute(attr("mode", "linear"));
        n.addAttribute(attr("coordinate_transformation_mode", mode));
        add(n, name);
        converted.put(name, transpose(name + "/nchw", TO_NHWC, name));
    }

    /** {@code x} transposed by {@code perm}; a transpose of a transpose becomes one transpose, or none. */
    private String transpose(String x, int[] perm, String name) {
        Transposed inner = transposes.get(x);
        String source = x;
        int[] total = perm;
        if (inner != null) {
            source = inner.source();
            total = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                total[i] = inner.perm()[perm[i]];
            }
        }
        if (isIdentity(total)) {
            return source;
        }
        OnnxMl.NodeProto.Builder n = node("Transpose", name, List.of(source), List.of(name));
        n.addAttribute(attr("perm", Arrays.stream(total).asLongStream().toArray()));
        onnxNodes.add(n);
        transposes.put(name, new Transposed(source, total));
        return name;
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    // ---- constants

    private Constant fold(String op, List<String> in) {
        switch (op) {
            case "AddV2", "Add" -> {
                Constant a = constant(in.get(0));
                Constant b = constant(in.get(1));
                if (a.isFloat() || b.isFloat()) {
                    throw new IllegalArgumentException("folding float " + op + " is not supported");
                }
                Constant big = a.size() >= b.size() ? a : b;
                Constant small = big == a ? b : a;
                if (small.size() != 1 && small.size() != big.size()) {
                    throw new IllegalArgumentException("folding " + op + " needs equal sizes or a scalar");
                }
                long[] r = new long[big.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = big.ints()[i] + small.ints()[small.size() == 1 ? 0 : i];
                }
                return new Constant(big.shape(), null, null, r);
            }
            case "SparseToDense" -> {
                Constant indices = constant(in.get(0));
                long[] shape = constant(in.get(1)).ints();
                Constant values = constant(in.get(2));
                long fill = constant(in.get(3)).ints()[0];
                if (shape.length != 1) {
                    throw new IllegalArgumentException("folding SparseToDense supports 1-D outputs only");
                }
                long[] r = new long[(int) shape[0]];
                Arrays.fill(r, fill);
                for (int i = 0; i < indices.size(); i++) {
                    r[(int) indices.ints()[i]] = values.ints()[values.size() == 1 ? 0 : i];
                }
                return new Constant(new int[] {r.length}, null, null, r);
            }
            default -> throw new IllegalArgumentException("cannot fold " + op);
        }
    }

    /** Writes constant {@code name} as an initializer (once) and returns its value name. */
    private String materialize(String name) {
        String done = materialized.get(name);
        if (done == null) {
            done = tensor(name, constants.get(name));
            materialized.put(name, done);
            converted.put(name, done);
        }
        return done;
    }

    /** An initializer for {@code c}: int64, float, or float16 behind a Cast to float. */
    private String tensor(String name, Constant c) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name);
        for (int d : c.shape()) {
            t.addDims(d);
        }
        if (!c.isFloat()) {
            ByteBuffer b = ByteBuffer.allocate(8 * c.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : c.ints()) {
                b.putLong(v);
            }
            initializers.add(t.setDataType(DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(b.array())).build());
            return name;
        }
        if (c.halves() != null && c.size() > SMALL) {
            ByteBuffer b = ByteBuffer.allocate(2 * c.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (short v : c.halves()) {
                b.putShort(v);
            }
            initializers.add(t.setName(name + "/fp16").setDataType(DataType.FLOAT16.getNumber())
                    .setRawData(ByteString.copyFrom(b.array())).build());
            OnnxMl.NodeProto.Builder cast = node("Cast", name, List.of(name + "/fp16"), List.of(name));
            cast.addAttribute(attr("to", (long) DataType.FLOAT.getNumber()));
            onnxNodes.add(cast);
            return name;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * c.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : c.floats()) {
            b.putFloat(v);
        }
        initializers.add(t.setDataType(DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array())).build());
        return name;
    }

    private String longs(String name, long[] values) {
        return tensor(name, new Constant(new int[] {values.length}, null, null, values));
    }

    /** {@code c} with its axes permuted ({@code result.shape[i] = c.shape[perm[i]]}). */
    static Constant permute(Constant c, int[] perm) {
        int[] shape = c.shape();
        int rank = shape.length;
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
        }
        int[] inStrides = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = s;
            s *= shape[i];
        }
        float[] f = new float[c.size()];
        short[] h = c.halves() == null ? null : new short[c.size()];
        int[] idx = new int[rank];
        for (int o = 0; o < f.length; o++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += idx[i] * inStrides[perm[i]];
            }
            f[o] = c.floats()[src];
            if (h != null) {
                h[o] = c.halves()[src];
            }
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < outShape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new Constant(outShape, f, h, null);
    }

    // ---- helpers

    /** The nodes the outputs depend on, each after the nodes it reads from. */
    private List<OnnxMl.NodeProto.Builder> liveNodes(List<OnnxMl.ValueInfoProto> outputs) {
        Map<String, OnnxMl.NodeProto.Builder> producer = new HashMap<>();
        for (OnnxMl.NodeProto.Builder n : onnxNodes) {
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        List<OnnxMl.NodeProto.Builder> order = new ArrayList<>();
        Set<OnnxMl.NodeProto.Builder> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (OnnxMl.ValueInfoProto o : outputs) {
            visit(producer.get(o.getName()), producer, seen, order);
        }
        return order;
    }

    private static void visit(OnnxMl.NodeProto.Builder n, Map<String, OnnxMl.NodeProto.Builder> producer,
                              Set<OnnxMl.NodeProto.Builder> seen, List<OnnxMl.NodeProto.Builder> order) {
        if (n == null || !seen.add(n)) {
            return;
        }
        for (String in : n.getInputList()) {
            visit(producer.get(in), producer, seen, order);
        }
        order.add(n);
    }

    /** IEEE 754 half-precision bits to float (exact). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exp == 0) {
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mantissa << 13));
    }

    private void add(OnnxMl.NodeProto.Builder n, String name) {
        onnxNodes.add(n);
        converted.put(name, n.getOutput(0));
    }

    private static OnnxMl.NodeProto.Builder node(String op, String name, List<String> in, List<String> out) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out);
    }

    private static List<String> inputs(JsonNode node) {
        List<String> in = new ArrayList<>();
        for (JsonNode i : node.path("input")) {
            if (!i.asText().startsWith("^")) {
                in.add(i.asText());
            }
        }
        return in;
    }

    private static String nodeName(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon < 0 ? ref : ref.substring(0, colon);
    }

    private static String strip(String signatureName) {
        return signatureName.endsWith(":0") ? signatureName.substring(0, signatureName.length() - 2) : signatureName;
    }

    private static String decode(JsonNode bytesAttr) {
        String s = bytesAttr.path("s").asText("");
        return new String(java.util.Base64.getDecoder().decode(s), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int[] ints(JsonNode array) {
        int[] r = new int[array.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = array.get(i).asInt();
        }
        return r;
    }

    private static int[] toInts(Constant c) {
        return Arrays.stream(c.ints()).mapToInt(Math::toIntExact).toArray();
    }

    private static long[] toLongs(Constant c) {
        return c.ints().clone();
    }

    private static long scalar(Constant c) {
        return c.ints()[0];
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, JsonNode tensorShape) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (JsonNode d : tensorShape.path("dim")) {
            long size = d.path("size").asLong(-1);
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (size >= 0) {
                dim.setDimValue(size);
            } else {
                dim.setDimParam(name.replace('/', '_') + "_" + shape.getDimCount());
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static OnnxMl.AttributeProto attr(String name, long v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(v).build();
    }

    private static OnnxMl.AttributeProto attr(String name, float v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(v).build();
    }

    private static OnnxMl.AttributeProto attr(String name, String v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    private static OnnxMl.AttributeProto attr(String name, long[] v) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }
}
