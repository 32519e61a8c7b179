package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrame.MaskletObject;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.connectors.render.OverlayRenderer;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.operators.stream.FrameDecoder;
import io.maskstream.operators.stream.FrameStore;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coco kit with image exemplars on samples/vtest-150.avi (no ground truth: the figures are counts), through
 * the stream session as the job runs it. The exemplar is the person the detector is surest of on frame
 * {@value #AT}: a negative exemplar of "person" on it, and a positive exemplar alone (image-only concept, the
 * stream has no other). Prints the visible objects and masklets of each run and writes overlay stills of frame
 * {@value #STILL} to {@code target/exemplars/} (QUALITY.md, Exemplars).
 */
class CocoKitExemplarsITCase {
    private static final Path EXCERPT = Path.of("../../samples/vtest-150.avi");
    private static final int FRAMES = 150;
    private static final int AT = 40;
    private static final int STILL = 100;
    private static final Path OUT = Path.of("target/exemplars");

    private static List<FrameRecord> records;
    private static Box person;
    private static List<MaskletFrame> baseline;
    private static List<MaskletFrame> negative;
    private static List<MaskletFrame> imageOnly;

    @BeforeAll
    static void runThree() throws Exception {
        records = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(EXCERPT.toString())) {
            for (RgbImage f = source.read(); f != null && records.size() < FRAMES; f = source.read()) {
                records.add(FrameRecord.frame("s", records.size(), 0, 0L, f.width(), f.height(), FrameEncoding.JPEG,
                        Images.encodeJpeg(f, 90)));
            }
        }
        try (CocoKit kit = CocoKit.open(new Configuration())) {
            List<Detection> people = kit.detector().detect(decode(records.get(AT)),
                    List.of(kit.conceptEncoder().encode("person")));
            person = people.get(0).box();
        }
        baseline = run(List.of("person"), List.of());
        negative = run(List.of("person"), List.of(PromptCommand.addExemplar("s", person, false, "person", (long) AT)));
        imageOnly = run(List.of(), List.of(PromptCommand.addExemplar("s", person, true, null, (long) AT)));
        Files.createDirectories(OUT);
        RgbImage still = decode(records.get(STILL));
        for (var e : List.of(java.util.Map.entry("baseline", baseline), java.util.Map.entry("negative", negative),
                java.util.Map.entry("image-only", imageOnly))) {
            ImageIO.write(Images.toBufferedImage(OverlayRenderer.draw(still, e.getValue().get(STILL))), "png",
                    OUT.resolve("vtest-" + STILL + "-" + e.getKey() + ".png").toFile());
            System.out.printf(Locale.ROOT, "exemplars on vtest: %-10s frames %d-%d: %4d visible objects, %2d masklets%n",
                    e.getKey(), AT, FRAMES - 1, visible(e.getValue(), AT, FRAMES), masklets(e.getValue(), AT, FRAMES));
        }
        System.out.printf(Locale.ROOT, "exemplars on vtest: exemplar box on frame %d: %s%n", AT, person);
    }

    private static RgbImage decode(FrameRecord r) throws Exception {
        return FrameDecoder.decode(new FrameStore.EncodedFrame(r.width(), r.height(), r.encoding(), r.image()));
    }

    private static List<MaskletFrame> run(List<String> concepts, List<PromptCommand> prompts) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("tracking.new-detection-threshold", "0.5");
        TrackerSettings settings = TrackerOptions.from(conf);
        List<MaskletFrame> out = new ArrayList<>();
        try (CocoKit kit = CocoKit.open(conf)) {
            LocalStreamRunner runner = new LocalStreamRunner("s", new StreamProcessor(kit, settings), settings, concepts);
            for (PromptCommand p : prompts) {
                runner.prompt(p);
            }
            for (FrameRecord r : records) {
                runner.process(r, out::add);
            }
            runner.finish(out::add);
            assertThat(runner.rejectionMessages()).isEmpty();
        }
        return out;
    }

    private static List<MaskletObject> visibleObjects(List<MaskletFrame> frames, int from, int to) {
        return frames.subList(from, to).stream().flatMap(f -> f.objects().stream())
                .filter(o -> o.box()[2] > 0 && o.box()[3] > 0).toList();
    }

    private static long visible(List<MaskletFrame> frames, int from, int to) {
        return visibleObjects(frames, from, to).size();
    }

    private static long masklets(List<MaskletFrame> frames, int from, int to) {
        return visibleObjects(frames, from, to).stream().map(MaskletObject::id).distinct().count();
    }

    /** Frames released before the exemplar's frame was processed (the confirmation delay holds 15 back). */
    @Test
    void framesReleasedBeforeTheExemplarsFrameAreTheBaselines() {
        int released = AT - TrackerOptions.from(new Configuration()).releaseDelay();
        assertThat(json(negative.subList(0, released))).isEqualTo(json(baseline.subList(0, released)));
    }

    private static List<String> json(List<MaskletFrame> frames) {
        return frames.stream().map(f -> new String(MaskletFrameJson.toJson(f), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void aNegativeExemplarOnOnePersonLeavesFewerPeopleFound() {
        assertThat(visible(negative, AT + 15, FRAMES)).isLessThan(visible(baseline, AT + 15, FRAMES));
    }

    @Test
    void aPositiveExemplarAloneFindsPeopleOnlyFromItsFrameOnAndThePersonUnderItsBox() {
        assertThat(visible(imageOnly, 0, AT)).isZero();
        assertThat(imageOnly.get(AT).objects()).anySatisfy(o -> {
            assertThat(o.concept()).isEqualTo("image:1");
            assertThat(Box.fromXywh(o.box()[0], o.box()[1], o.box()[2], o.box()[3]).iou(person)).isGreaterThan(0.3);
        });
        assertThat(visible(imageOnly, AT, FRAMES)).isGreaterThan(0);
    }
}
