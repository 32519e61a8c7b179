package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import org.junit.jupiter.api.Test;

class LargestMemoryFirstTest {
    @Test
    void theMemoryAreaIsThePixelCountOfTheEncodedMask() {
        try (ReferenceKit kit = ReferenceKit.open(InferenceSettings.defaults())) {
            TrackerRole tracker = kit.tracker();
            FrameFeatures frame = tracker.encodeFrame(new RgbImage(ReferenceModels.INPUT_WIDTH,
                    ReferenceModels.INPUT_HEIGHT, new byte[ReferenceModels.INPUT_WIDTH * ReferenceModels.INPUT_HEIGHT * 3]));
            Mask mask = Mask.rectangle(ReferenceModels.INPUT_HEIGHT, ReferenceModels.INPUT_WIDTH, 30, 10, 101, 47);
            MemoryFeatures memory = tracker.encodeMemory(frame, mask);
            assertThat(ReferenceModels.memoryArea(memory)).isEqualTo(mask.area());
        }
    }
}
