package io.maskstream.kit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.InferenceSettings;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargestMemoryFirstTest {
    private static final int W = ReferenceModels.INPUT_WIDTH;
    private static final int H = ReferenceModels.INPUT_HEIGHT;

    @Test
    void theMemoryAreaIsThePixelCountOfTheEncodedMask() {
        try (ReferenceKit kit = ReferenceKit.open(InferenceSettings.defaults())) {
            TrackerRole tracker = kit.tracker();
            FrameFeatures frame = tracker.encodeFrame(new RgbImage(W, H, new byte[W * H * 3]));
            Mask mask = Mask.rectangle(H, W, 30, 10, 101, 47);
            MemoryFeatures memory = tracker.encodeMemory(frame, mask);
            assertThat(ReferenceModels.memoryArea(memory)).isEqualTo(mask.area());
        }
    }

    @Test
    void theTrackerGetsEachMaskletsConditioningMemoriesLargestMaskFirst() {
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            FrameFeatures frame = models.tracker().encodeFrame(new RgbImage(W, H, new byte[W * H * 3]));
            MemoryFeatures small = models.tracker().encodeMemory(frame, Mask.rectangle(H, W, 0, 0, 8, 8));
            MemoryFeatures large = models.tracker().encodeMemory(frame, Mask.rectangle(H, W, 0, 0, 64, 64));
            MemoryFeatures middle = models.tracker().encodeMemory(frame, Mask.rectangle(H, W, 0, 0, 32, 32));
            List<List<MemoryFeatures>> seen = new ArrayList<>();
            TrackerRole recording = (TrackerRole) Proxy.newProxyInstance(TrackerRole.class.getClassLoader(),
                    new Class<?>[] {TrackerRole.class}, (proxy, method, args) -> {
                        if (method.getName().equals("propagate")) {
                            @SuppressWarnings("unchecked")
                            List<MemoryBankInput> banks = (List<MemoryBankInput>) args[1];
                            banks.forEach(b -> seen.add(b.conditioning()));
                            return List.of();
                        }
                        return method.invoke(models.tracker(), args);
                    });

            new LargestMemoryFirst(recording).propagate(frame,
                    List.of(new MemoryBankInput(1, List.of(small, large, middle), List.of())));

            assertThat(seen).containsExactly(List.of(large, middle, small));
        }
    }
}
