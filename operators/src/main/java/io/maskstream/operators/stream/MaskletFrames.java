package io.maskstream.operators.stream;

import io.maskstream.state.tracking.MaskletEvent;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrame.RleMask;
import io.maskstream.operators.tracking.OutputFrame;
import io.maskstream.operators.tracking.OutputObject;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import java.util.ArrayList;
import java.util.List;

/** Turns a frame released by the rules into the {@link MaskletFrame} record of the masklets topic. */
public final class MaskletFrames {
    private MaskletFrames() {}

    public static MaskletFrame of(
            String streamId, OutputFrame frame, long captureTime, long emitTime, int width, int height) {
        return of(streamId, frame, captureTime, emitTime, width, height, mask -> null);
    }

    /** {@link #of} with each object's {@code maskSource} as the model kit names it (null: none). */
    public static MaskletFrame of(String streamId, OutputFrame frame, long captureTime, long emitTime, int width,
                                  int height, java.util.function.Function<Mask, String> maskSource) {
        List<MaskletObject> objects = new ArrayList<>(frame.objects().size());
        for (OutputObject o : frame.objects()) {
            Box box = o.box();
            float[] xywh = box == null ? new float[4] : box.toXywh();
            Rle rle = o.mask().resize(height, width).toRle();
            List<MaskletEvent> events = new ArrayList<>();
            for (String e : o.events()) {
                events.add(MaskletEvent.ofLabel(e));
            }
            objects.add(new MaskletObject(
                    o.maskletId(), o.concept(), o.score(), xywh,
                    new RleMask(height, width, rle.toCompressedString()), events, maskSource.apply(o.mask())));
        }
        return new MaskletFrame(streamId, frame.seq(), captureTime, emitTime, width, height, objects);
    }

    /** The frame with each object's {@code instructions}: the names per masklet id (absent ids: none). */
    public static MaskletFrame withInstructions(MaskletFrame frame, java.util.Map<Integer, List<String>> names) {
        if (names.isEmpty()) {
            return frame;
        }
        List<MaskletObject> objects = new ArrayList<>(frame.objects().size());
        for (MaskletObject o : frame.objects()) {
            objects.add(o.withInstructions(names.getOrDefault(o.id(), List.of())));
        }
        return new MaskletFrame(frame.streamId(), frame.seq(), frame.captureTime(), frame.emitTime(), frame.width(),
                frame.height(), objects);
    }
}
