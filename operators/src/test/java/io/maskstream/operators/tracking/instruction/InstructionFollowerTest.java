package io.maskstream.operators.tracking.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.tracking.OutputFrame;
import io.maskstream.operators.tracking.OutputObject;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstructionFollowerTest {
    private static final int W = 320;
    private static final int H = 240;
    private final InstructionFollower follower = new InstructionFollower(0.03);

    /** A 10×10 square masklet at (x, y), or an empty mask when x < 0. */
    private static OutputObject object(int id, int x, int y) {
        Mask m = x < 0 ? Mask.empty(H, W) : Mask.rectangle(H, W, x, y, x + 10, y + 10);
        return new OutputObject(id, "car", 1f, m.boundingBox(), m, List.of());
    }

    private static long time(long seq) {
        return 1000 + seq * 100; // 10 frames per second
    }

    private List<Map<Integer, List<String>>> run(InstructionState start, List<OutputFrame> frames) {
        InstructionState s = start;
        List<Map<Integer, List<String>>> out = new ArrayList<>();
        for (OutputFrame f : frames) {
            InstructionFollower.Released r = follower.release(s, f, time(f.seq()), W, H);
            out.add(r.names());
            s = r.state();
        }
        return out;
    }

    private InstructionState with(String name, String text, long from) throws Exception {
        return follower.add(InstructionState.empty(), name, text, from);
    }

    @Test
    void aMaskletHiddenAndSeenAgainWasOccluded() throws Exception {
        List<OutputFrame> frames = List.of(
                new OutputFrame(0, List.of(object(1, 10, 10), object(2, 100, 10))),
                new OutputFrame(1, List.of(object(1, -1, 0), object(2, 100, 10))),
                new OutputFrame(2, List.of(object(1, 12, 10), object(2, 100, 10))));
        var names = run(with("hidden", "the car that was occluded", 0), frames);
        assertThat(names.get(1)).isEmpty();
        assertThat(names.get(2)).containsOnlyKeys(1);
    }

    @Test
    void velocityComesFromTheRecentCentresAndCaptureTimes() throws Exception {
        List<OutputFrame> frames = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            frames.add(new OutputFrame(t, List.of(object(1, 100 - 5 * t, 50), object(2, 100, 150))));
        }
        var names = run(with("left", "cars moving left", 0), frames);
        assertThat(names.get(0)).isEmpty(); // one position: velocity unknown
        assertThat(names.get(4)).containsOnlyKeys(1); // 50 px/s > 20 px/s
        var still = run(with("still", "stationary cars", 0), frames);
        assertThat(still.get(4)).containsOnlyKeys(2);
    }

    @Test
    void trackedTimeStartsAtTheFirstVisibleFrame() throws Exception {
        List<OutputFrame> frames = new ArrayList<>();
        for (int t = 0; t < 25; t++) {
            frames.add(new OutputFrame(t, List.of(object(1, 10, 10), object(2, t < 10 ? -1 : 100, 10))));
        }
        var names = run(with("old", "cars visible for more than 2 s", 0), frames);
        assertThat(names.get(20)).isEmpty(); // 2.0 s is not more than 2 s
        assertThat(names.get(21)).containsOnlyKeys(1);
        var last = run(with("new", "the car that entered last", 0), frames);
        assertThat(last.get(5)).containsOnlyKeys(1);
        assertThat(last.get(10)).containsOnlyKeys(2);
    }

    @Test
    void anInstructionAppliesFromItsSeqUntilItsRemoval() throws Exception {
        InstructionState s = with("all", "cars", 2);
        s = InstructionFollower.remove(s, "all", 4);
        List<OutputFrame> frames = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            frames.add(new OutputFrame(t, List.of(object(1, 10, 10))));
        }
        var names = run(s, frames);
        assertThat(names).extracting(Map::isEmpty).containsExactly(true, true, false, false, true, true);
    }

    @Test
    void removingAnUnknownNameIsRefused() throws Exception {
        assertThat(InstructionFollower.remove(with("a", "cars", 0), "b", 3)).isNull();
    }

    @Test
    void theMeasuredColourNamesTheMasklet() throws Exception {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            rgb[3 * i] = (byte) 230;
            rgb[3 * i + 1] = 30;
            rgb[3 * i + 2] = 30;
        }
        InstructionState s = with("red", "the red car", 0);
        s = InstructionFollower.measure(s, 0, new RgbImage(W, H, rgb), Map.of(1, object(1, 10, 10).mask()));
        var names = run(s, List.of(new OutputFrame(0, List.of(object(1, 10, 10), object(2, 50, 50)))));
        assertThat(names.get(0)).containsOnlyKeys(1);
    }

    @Test
    void anEndedMaskletIsForgotten() throws Exception {
        InstructionState s = with("all", "cars", 0);
        s = follower.release(s, new OutputFrame(0, List.of(object(1, 10, 10), object(2, 50, 50))), time(0), W, H).state();
        s = follower.release(s, new OutputFrame(1, List.of(object(2, 50, 50))), time(1), W, H).state();
        assertThat(s.histories()).extracting(InstructionState.MaskletHistory::id).containsExactly(2);
    }

    @Test
    void theLastInstructionRemovedLeavesNoState() throws Exception {
        InstructionState s = InstructionFollower.remove(with("all", "cars", 0), "all", 1);
        s = follower.release(s, new OutputFrame(0, List.of(object(1, 10, 10))), time(0), W, H).state();
        s = follower.release(s, new OutputFrame(1, List.of(object(1, 10, 10))), time(1), W, H).state();
        assertThat(s).isEqualTo(InstructionState.empty());
    }
}
