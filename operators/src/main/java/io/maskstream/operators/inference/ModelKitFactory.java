package io.maskstream.operators.inference;

import org.apache.flink.configuration.ReadableConfig;

/**
 * A model kit that {@link ModelKits} finds with {@link java.util.ServiceLoader}: a module that provides
 * one lists its class in {@code META-INF/services/io.maskstream.operators.inference.ModelKitFactory}.
 */
public interface ModelKitFactory {
    /** The value of {@link InferenceOptions#MODEL_KIT} that selects this kit. */
    String name();

    /** Opens the kit; a bad setting fails here, naming its key. */
    ModelKit open(ReadableConfig config);
}
