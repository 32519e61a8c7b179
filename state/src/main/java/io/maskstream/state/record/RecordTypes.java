package io.maskstream.state.record;

import io.maskstream.state.geometry.serialization.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink {@link TypeInformation} of the record types whose fields Flink's POJO analysis cannot
 * serialize without Kryo (lists, nested records): use them in {@code returns(...)}, state
 * descriptors and {@code getProducedType()}.
 */
public final class RecordTypes {
    public static final TypeInformation<MaskletFrame> MASKLET_FRAME =
            new SerializerTypeInfo<>(MaskletFrame.class, MaskletFrameSerializer.INSTANCE);
    public static final TypeInformation<PromptCommand> PROMPT_COMMAND =
            new SerializerTypeInfo<>(PromptCommand.class, PromptCommandSerializer.INSTANCE);

    private RecordTypes() {}
}
