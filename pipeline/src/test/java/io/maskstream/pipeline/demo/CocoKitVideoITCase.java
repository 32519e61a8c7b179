package io.maskstream.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with the coco kit on real footage: the first 100 frames of samples/vtest-150.avi replayed
 * through the embedded broker into the job on a MiniCluster ({@code demo --source}).
 */
class CocoKitVideoITCase {
    private static final int FRAMES = 100;
    /** tracking.confirmation-delay's default: a masklet shows from its first frame once this many have passed. */
    private static final int CONFIRMATION_DELAY = 15;

    @TempDir
    static Path tmp;
    static Demo.Result result;
    static List<MaskletFrame> frames;

    @BeforeAll
    static void runDemoOnTheExcerpt() throws Exception {
        Path video = Path.of("../samples/vtest-150.avi"); // failsafe runs in the module directory
        result = Demo.runSource(new Demo.SourceSettings(video.toString(), List.of("person"), FRAMES,
                tmp.resolve("demo"), 0), new PrintStream(new ByteArrayOutputStream(), true));
        frames = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("demo/masklets.jsonl"), StandardCharsets.UTF_8)) {
            frames.add(MaskletFrameJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void everyInputFrameGivesOneOutputFrame() {
        assertThat(result.framesIn()).isEqualTo(FRAMES);
        assertThat(frames).extracting(MaskletFrame::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
    }

    @Test
    void peopleAreFoundOnEveryFrameAfterTheConfirmationDelay() {
        // two people walk on the road from the start; from frame 60 at least five are in the open
        for (MaskletFrame f : frames) {
            if (f.seq() >= CONFIRMATION_DELAY) {
                assertThat(visible(f)).as("persons on frame %d", f.seq())
                        .hasSizeGreaterThanOrEqualTo(f.seq() >= 60 ? 5 : 2)
                        .allSatisfy(o -> assertThat(o.concept()).isEqualTo("person"));
            }
        }
    }

    /** The background is known from frame 1 on, so moving people are cut from the foreground, not boxes. */
    @Test
    void masksOfWalkingPeopleAreCutFromTheForeground() {
        List<String> sources = frames.stream().filter(f -> f.seq() >= CONFIRMATION_DELAY)
                .flatMap(f -> visible(f).stream()).map(MaskletFrame.MaskletObject::maskSource).toList();
        long foreground = sources.stream().filter("foreground"::equals).count();
        assertThat(sources).isNotEmpty().allSatisfy(s -> assertThat(s).isIn("foreground", "box"));
        assertThat(foreground).as("foreground masks of %d", sources.size()).isGreaterThan(sources.size() * 8L / 10);
    }

    /** The objects with a mask (a suppressed masklet is written with an empty one). */
    private static List<MaskletFrame.MaskletObject> visible(MaskletFrame f) {
        return f.objects().stream().filter(o -> o.box()[2] > 0 && o.box()[3] > 0).toList();
    }

    /**
     * From frame 60 to 99 one person walks alone up the road on the right (box centre right of
     * x = 560 and below y = 150, where nobody else is on those frames): one masklet all the way.
     */
    @Test
    void aPersonWalkingAloneKeepsOneIdOverFortyFrames() {
        Set<Integer> ids = new TreeSet<>();
        for (MaskletFrame f : frames.subList(60, FRAMES)) {
            List<Integer> onPath = f.objects().stream()
                    .filter(o -> o.box()[0] + o.box()[2] / 2 > 560 && o.box()[1] + o.box()[3] / 2 > 150)
                    .map(MaskletFrame.MaskletObject::id).toList();
            assertThat(onPath).as("masklets on the walker's path on frame %d", f.seq()).hasSize(1);
            ids.addAll(onPath);
        }
        assertThat(ids).as("ids of the lone walker over frames 60-99").hasSize(1);
    }
}
