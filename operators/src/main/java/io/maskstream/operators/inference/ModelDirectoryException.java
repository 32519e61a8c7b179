package io.maskstream.operators.inference;

/**
 * A model directory that cannot be used: a missing file, a manifest field that is wrong or unknown,
 * or a tensor the manifest names that the ONNX file does not have. The message names the file and the
 * field, e.g. {@code model.json: roles.tracker.memoryAttention.inputs.memory: tensor 'memory' not in
 * memory_attention.onnx (has: ...)}.
 */
public class ModelDirectoryException extends RuntimeException {
    public ModelDirectoryException(String message) {
        super(message);
    }

    public ModelDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
