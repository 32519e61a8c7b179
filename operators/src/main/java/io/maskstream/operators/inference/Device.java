package io.maskstream.operators.inference;

import java.util.Locale;

/**
 * Where ONNX Runtime runs: {@code cpu}, {@code cuda} / {@code cuda:N} (fail at start-up when the CUDA
 * provider is missing) or {@code auto} (CUDA device 0 when present, else CPU).
 */
public record Device(Kind kind, int cudaDevice) {
    public enum Kind { CPU, CUDA, AUTO }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("auto")) {
            return new Device(Kind.AUTO, 0);
        }
        if (t.equals("cuda")) {
            return new Device(Kind.CUDA, 0);
        }
        if (t.startsWith("cuda:")) {
            try {
                int n = Integer.parseInt(t.substring(5));
                if (n >= 0) {
                    return new Device(Kind.CUDA, n);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "model.device: '" + text + "' is not one of cpu, cuda, cuda:N, auto");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> "cuda:" + cudaDevice;
        };
    }
}
