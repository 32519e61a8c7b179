package io.maskstream.state.geometry.serialization;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * {@link TypeInformation} for the geometry types, backed by their serializers, so that state
 * descriptors and {@code returns(...)} use the compact formats instead of Kryo.
 */
public final class GeometryTypes {
    public static final TypeInformation<Mask> MASK = new SerializerTypeInfo<>(Mask.class, MaskSerializer.INSTANCE);
    public static final TypeInformation<Rle> RLE = new SerializerTypeInfo<>(Rle.class, RleSerializer.INSTANCE);
    public static final TypeInformation<Box> BOX = new SerializerTypeInfo<>(Box.class, BoxSerializer.INSTANCE);
    public static final TypeInformation<Detection> DETECTION =
            new SerializerTypeInfo<>(Detection.class, DetectionSerializer.INSTANCE);

    private GeometryTypes() {}
}
