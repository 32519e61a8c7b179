package io.maskstream.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.kit.reference.MiniatureSam21Export;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM 2.1 five-file export path end to end: {@code docs/models/sam21-tracker.model.json} (image size changed
 * to the miniature's) over {@link MiniatureSam21Export}'s files, opened by {@link ModelBundle} and run through
 * {@link MaskletTracker}: encode a frame, segment from a box, encode memories, propagate two masklets with
 * conditioning and recent memories and object pointers (one call per masklet, as the export has no batch axis).
 * Grid cells are 16×16 frame pixels; masks are built from whole cells.
 */
class Sam21ExportLayoutTest {
    private static final int FRAME = 64;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeExport() throws Exception {
        MiniatureSam21Export.write(dir);
        String manifest = Files.readString(ExampleManifestsTest.docsModels().resolve("sam21-tracker.model.json"))
                .replace("\"width\": 1024, \"height\": 1024", "\"width\": 32, \"height\": 32");
        assertThat(manifest).contains("\"width\": 32");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), manifest);
    }

    /** Bilinear upsampling of a ±logit cell rectangle at logit 0: the rectangle less its four corner pixels. */
    private static Mask upsampledRectangle(int x0, int y0, int x1, int y1) {
        boolean[][] rows = new boolean[FRAME][FRAME];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                rows[y][x] = !((x == x0 || x == x1 - 1) && (y == y0 || y == y1 - 1));
            }
        }
        return Mask.fromRows(rows);
    }

    private static RgbImage redRectangleFrame() {
        byte[] rgb = new byte[FRAME * FRAME * 3];
        for (int y = 16; y < 32; y++) {
            for (int x = 16; x < 48; x++) {
                rgb[3 * (y * FRAME + x)] = (byte) 255;
            }
        }
        return new RgbImage(FRAME, FRAME, rgb);
    }

    @Test
    void theImageEncoderOutputsKeepTheExportsShapes() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            FrameFeatures f = bundle.tracker().encodeFrame(redRectangleFrame());
            assertThat(f.get("imageEmbeddings").shape()).containsExactly(1, 8, 4, 4);
            assertThat(f.get("highResFeatures0").shape()).containsExactly(1, 2, 16, 16);
            assertThat(f.get("highResFeatures1").shape()).containsExactly(1, 2, 8, 8);
            assertThat(f.get("visionPosEmbed").shape()).containsExactly(16, 1, 8);
        }
    }

    @Test
    void aBoxPromptGoesThroughTheImageDecoderAndItsBestCandidateIsUpsampledToTheFrame() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            MaskletTracker tracker = bundle.tracker();
            FrameFeatures f = tracker.encodeFrame(redRectangleFrame());
            assertThat(tracker.segmentFromBox(f, new Box(10, 10, 50, 40))).isEqualTo(upsampledRectangle(16, 16, 48, 32));
        }
    }

    @Test
    void memoriesCarryTheMemoryEncodersOutputsWithTheTemporalCode() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            MaskletTracker tracker = bundle.tracker();
            FrameFeatures f = tracker.encodeFrame(redRectangleFrame());
            MemoryFeatures m = tracker.encodeMemory(f, Mask.rectangle(FRAME, FRAME, 16, 16, 48, 32));
            assertThat(m.features().shape()).containsExactly(1, 2, 4, 4);
            assertThat(m.positionEncoding().shape()).containsExactly(16, 1, 2);
            assertThat(m.temporalCode().shape()).containsExactly(7, 1, 1, 2);
            // channel 0 = mask coverage per cell: +1 on the two covered cells (row 1, columns 1–2), −1 elsewhere
            assertThat(m.features().data()[4 + 1]).isEqualTo(1f);
            assertThat(m.features().data()[4 + 2]).isEqualTo(1f);
            assertThat(m.features().data()[0]).isEqualTo(-1f);
        }
    }

    @Test
    void eachMaskletPropagatesFromItsOwnMemoriesAndObjectPointers() {
        try (ModelBundle bundle = ModelBundle.open(dir, InferenceSettings.defaults())) {
            MaskletTracker tracker = bundle.tracker();
            FrameFeatures f = tracker.encodeFrame(redRectangleFrame());
            MemoryFeatures upper = tracker.encodeMemory(f, Mask.rectangle(FRAME, FRAME, 16, 16, 48, 32));
            MemoryFeatures lower = tracker.encodeMemory(f, Mask.rectangle(FRAME, FRAME, 16, 32, 48, 48));
            List<MaskletPrediction> p = tracker.propagate(f, List.of(
                    new MemoryBankInput(1, List.of(upper), List.of()),
                    new MemoryBankInput(2, List.of(lower), List.of(lower, lower),
                            List.of(new float[MiniatureSam21Export.CHANNELS], new float[MiniatureSam21Export.CHANNELS]))));
            assertThat(p).extracting(MaskletPrediction::maskletId).containsExactly(1, 2);
            assertThat(p.get(0).mask()).isEqualTo(upsampledRectangle(16, 16, 48, 32));
            assertThat(p.get(1).mask()).isEqualTo(upsampledRectangle(16, 32, 48, 48));
            // no object-score or IoU head in this export: score 1 for a non-empty mask, IoU 1
            assertThat(p.get(1).objectScore()).isEqualTo(1f);
        }
    }

    @Test
    void theMiniatureRejectsPositionRowsThatDoNotFollowTheExportsPointerLayout(@TempDir Path other) throws Exception {
        MiniatureSam21Export.write(other);
        Files.writeString(other.resolve(ModelManifest.FILE_NAME), Files.readString(dir.resolve(ModelManifest.FILE_NAME))
                .replace("\"pointerTokensPerPointer\": 4", "\"pointerTokensPerPointer\": 2"));
        try (ModelBundle bundle = ModelBundle.open(other, InferenceSettings.defaults())) {
            MaskletTracker tracker = bundle.tracker();
            FrameFeatures f = tracker.encodeFrame(redRectangleFrame());
            MemoryFeatures m = tracker.encodeMemory(f, Mask.rectangle(FRAME, FRAME, 16, 16, 48, 32));
            MemoryBankInput bank = new MemoryBankInput(1, List.of(m), List.of(),
                    List.of(new float[MiniatureSam21Export.CHANNELS]));
            assertThatThrownBy(() -> tracker.propagate(f, List.of(bank))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tracker propagation failed");
        }
    }
}
