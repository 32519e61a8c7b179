package io.maskstream.operators.inference;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Input tensors over reused direct buffers (one pool per role instance, so a role is used by one
 * thread at a time) and output copying.
 */
final class Tensors {
    private final Map<String, FloatBuffer> floats = new HashMap<>();
    private final Map<String, ByteBuffer> bytes = new HashMap<>();
    /** The array each slot's buffer holds a copy of, when filled by {@link #floatTensor(String, FloatTensor)}. */
    private final Map<String, float[]> filledFrom = new HashMap<>();

    /** A reusable direct buffer for input {@code slot}, cleared, with room for {@code n} floats. */
    FloatBuffer floatBuffer(String slot, int n) {
        FloatBuffer b = floats.get(slot);
        if (b == null || b.capacity() < n) {
            b = ByteBuffer.allocateDirect(Math.max(n, 1) * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            floats.put(slot, b);
        }
        filledFrom.remove(slot); // the caller writes new contents
        b.clear();
        b.limit(n);
        return b;
    }

    OnnxTensor floatTensor(String slot, float[] data, long... shape) throws OrtException {
        FloatBuffer b = floatBuffer(slot, data.length);
        b.put(data);
        b.flip();
        return OnnxTensor.createTensor(env(), b, shape);
    }

    /**
     * A tensor of {@code t} in slot {@code slot}. Model tensors are never modified once made, so when the
     * slot already holds a copy of the same array (the same frame's features, given to one call per
     * masklet) the copy is not made again.
     */
    OnnxTensor floatTensor(String slot, FloatTensor t) throws OrtException {
        FloatBuffer b = floats.get(slot);
        if (b != null && filledFrom.get(slot) == t.data()) {
            b.clear();
            b.limit(t.data().length);
            return OnnxTensor.createTensor(env(), b, t.shape());
        }
        OnnxTensor tensor = floatTensor(slot, t.data(), t.shape());
        filledFrom.put(slot, t.data());
        return tensor;
    }

    /** A tensor over a buffer obtained from {@link #floatBuffer} and filled by the caller. */
    static OnnxTensor wrap(FloatBuffer filled, long... shape) throws OrtException {
        filled.rewind();
        return OnnxTensor.createTensor(env(), filled, shape);
    }

    /** An integer or boolean 0/1 tensor in the element type the session input expects. */
    OnnxTensor flags(String slot, long[] values, TensorInfo expected, long... shape) throws OrtException {
        OnnxJavaType type = expected.type;
        switch (type) {
            case BOOL -> {
                ByteBuffer b = byteBuffer(slot, values.length);
                for (long v : values) {
                    b.put((byte) (v != 0 ? 1 : 0));
                }
                b.flip();
                return OnnxTensor.createTensor(env(), b, shape, OnnxJavaType.BOOL);
            }
            case INT64 -> {
                return OnnxTensor.createTensor(env(), LongBuffer.wrap(values), shape);
            }
            case INT32 -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) values[i];
                }
                return OnnxTensor.createTensor(env(), java.nio.IntBuffer.wrap(ints), shape);
            }
            case FLOAT -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = values[i];
                }
                return floatTensor(slot, f, shape);
            }
            default -> throw new IllegalStateException("unsupported element type " + type + " for " + slot);
        }
    }

    private ByteBuffer byteBuffer(String slot, int n) {
        ByteBuffer b = bytes.get(slot);
        if (b == null || b.capacity() < n) {
            b = ByteBuffer.allocateDirect(Math.max(n, 1)).order(ByteOrder.nativeOrder());
            bytes.put(slot, b);
        }
        b.clear();
        b.limit(n);
        return b;
    }

    static OrtEnvironment env() {
        return SharedSessions.environment();
    }

    static TensorInfo inputInfo(OrtSession session, String name) throws OrtException {
        return (TensorInfo) session.getInputInfo().get(name).getInfo();
    }

    /** Copies a float output. */
    static FloatTensor copy(OrtSession.Result result, String name) {
        OnnxValue v = result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        OnnxTensor t = (OnnxTensor) v;
        FloatBuffer fb = t.getFloatBuffer();
        float[] data = new float[fb.remaining()];
        fb.get(data);
        return new FloatTensor(data, t.getInfo().getShape());
    }

    static OnnxTensor output(OrtSession.Result result, String name) {
        return (OnnxTensor) result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
    }

    static void closeAll(Iterable<? extends AutoCloseable> values) {
        for (AutoCloseable c : values) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native memory is freed; nothing else to do
            }
        }
    }
}
