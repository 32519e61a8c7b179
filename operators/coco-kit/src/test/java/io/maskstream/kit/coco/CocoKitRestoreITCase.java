package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameEncoding;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.state.image.Images;
import io.maskstream.connectors.replay.VideoFileSource;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The coco kit's features are a cache: dropping every cached feature of the stream mid-way (what a
 * restore does: state stays, the models start empty) gives byte-identical output, because the
 * background is rebuilt from the scene frames state keeps.
 */
class CocoKitRestoreITCase {
    private static final Path EXCERPT = Path.of("../../samples/vtest-150.avi");
    private static final int FRAMES = 60;
    private static final int RESTORE_AFTER = 29;

    @Test
    void outputAfterDroppingTheCachedFeaturesEqualsAnUninterruptedRun() throws Exception {
        List<FrameRecord> records = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.file(EXCERPT.toString())) {
            for (RgbImage f = source.read(); f != null && records.size() < FRAMES; f = source.read()) {
                records.add(FrameRecord.frame("s", records.size(), 0, 0L, f.width(), f.height(), FrameEncoding.JPEG,
                        Images.encodeJpeg(f, 90)));
            }
        }
        assertThat(run(records, -1)).isEqualTo(run(records, RESTORE_AFTER));
    }

    /** The JSON of every released frame; the stream's cached features are dropped after frame {@code forgetAfter}. */
    private static List<String> run(List<FrameRecord> records, int forgetAfter) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("tracking.new-detection-threshold", "0.5");
        TrackerSettings settings = TrackerOptions.from(conf);
        List<String> out = new ArrayList<>();
        try (CocoKit kit = CocoKit.open(conf)) {
            StreamProcessor processor = new StreamProcessor(kit, settings);
            LocalStreamRunner runner = new LocalStreamRunner("s", processor, settings, List.of("person"));
            for (FrameRecord r : records) {
                runner.process(r, (MaskletFrame m) -> out.add(new String(MaskletFrameJson.toJson(m))));
                if (r.seq() == forgetAfter) {
                    processor.forget("s");
                }
            }
            runner.finish((MaskletFrame m) -> out.add(new String(MaskletFrameJson.toJson(m))));
        }
        assertThat(out).hasSize(records.size());
        return out;
    }
}
