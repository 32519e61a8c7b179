package io.maskstream.operators.inference;


import io.maskstream.kit.reference.ReferenceModels;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.inference.SyntheticScene.Shape;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Model tensors are a cache: a masklet's memory features are recomputed from the stored frame bytes
 * (JPEG) and the stored RLE mask, and equal the features computed when the frame was first seen.
 */
class MemoryRecomputeTest {
    private static final List<Shape> SHAPES = List.of(Shape.disc("red", 100, 100, 20), Shape.rect("blue", 220, 150, 25, 15));

    @Test
    void memoryRecomputedFromStoredJpegAndRleEqualsTheOriginal() throws IOException {
        RgbImage drawn = new SyntheticScene(21).render(SHAPES, 0);
        byte[] stored = jpeg(drawn, 0.9f);
        Mask mask = SyntheticScene.visible(SHAPES, 0);
        String storedRle = mask.toRle().toCompressedString();

        MemoryFeatures original;
        MaskletPrediction originalPrediction;
        RgbImage next = new SyntheticScene(21).render(List.of(SHAPES.get(0).movedTo(104, 102), SHAPES.get(1)), 1);
        try (ModelBundle live = ReferenceModels.bundle(InferenceSettings.defaults())) {
            FrameFeatures f = live.tracker().encodeFrame(decode(stored));
            original = live.tracker().encodeMemory(f, mask);
            originalPrediction = live.tracker().propagate(live.tracker().encodeFrame(next),
                    List.of(new MemoryBankInput(1, List.of(original), List.of()))).get(0);
        }

        // after a restore: a fresh bundle, only the durable bytes
        try (ModelBundle restored = ReferenceModels.bundle(InferenceSettings.defaults())) {
            Mask storedMask = Rle.fromCompressedString(drawn.height(), drawn.width(), storedRle).decode();
            FrameFeatures f = restored.tracker().encodeFrame(decode(stored));
            MemoryFeatures recomputed = restored.tracker().encodeMemory(f, storedMask);
            assertThat(recomputed).isEqualTo(original);
            assertThat(recomputed.features().data()).containsExactly(original.features().data());
            MaskletPrediction p = restored.tracker().propagate(restored.tracker().encodeFrame(next),
                    List.of(new MemoryBankInput(1, List.of(recomputed), List.of()))).get(0);
            assertThat(p).isEqualTo(originalPrediction);
        }
    }

    @Test
    void objectPointerRecomputedFromStoredJpegAndRleEqualsTheOriginal() throws IOException {
        RgbImage drawn = new SyntheticScene(22).render(SHAPES, 0);
        byte[] stored = jpeg(drawn, 0.9f);
        Mask mask = SyntheticScene.visible(SHAPES, 0);
        String storedRle = mask.toRle().toCompressedString();
        float[] original;
        try (ModelBundle live = ReferenceModels.bundle(InferenceSettings.defaults())) {
            original = live.tracker().objectPointer(live.tracker().encodeFrame(decode(stored)), mask);
        }
        try (ModelBundle restored = ReferenceModels.bundle(InferenceSettings.defaults())) {
            Mask storedMask = Rle.fromCompressedString(drawn.height(), drawn.width(), storedRle).decode();
            float[] recomputed = restored.tracker().objectPointer(restored.tracker().encodeFrame(decode(stored)),
                    storedMask);
            assertThat(recomputed).containsExactly(original);
        }
        // the reference pointer is the object's colour (red: r high, g and b low), presence 1 and its centre
        assertThat(original).hasSize(6);
        assertThat(original[0]).isGreaterThan(0.3f);
        assertThat(original[1]).isLessThan(-0.3f);
        assertThat(original[3]).isEqualTo(1f);
    }

    @Test
    void anEmptyMaskHasNoObjectPointer() {
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            FrameFeatures f = models.tracker().encodeFrame(new SyntheticScene(23).render(SHAPES, 0));
            assertThat(models.tracker().objectPointer(f, Mask.empty(SyntheticScene.HEIGHT, SyntheticScene.WIDTH)))
                    .isNull();
        }
    }

    @Test
    void memoryDependsOnTheMask() {
        try (ModelBundle models = ReferenceModels.bundle(InferenceSettings.defaults())) {
            FrameFeatures f = models.tracker().encodeFrame(new SyntheticScene(21).render(SHAPES, 0));
            MemoryFeatures a = models.tracker().encodeMemory(f, SyntheticScene.visible(SHAPES, 0));
            MemoryFeatures b = models.tracker().encodeMemory(f, SyntheticScene.visible(SHAPES, 1));
            assertThat(a).isNotEqualTo(b);
            assertThat(a.positionEncoding()).isEqualTo(b.positionEncoding());
        }
    }

    static byte[] jpeg(RgbImage image, float quality) throws IOException {
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                bi.setRGB(x, y, image.red(x, y) << 16 | image.green(x, y) << 8 | image.blue(x, y));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(bi, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static RgbImage decode(byte[] jpeg) throws IOException {
        BufferedImage bi = ImageIO.read(new ByteArrayInputStream(jpeg));
        byte[] rgb = new byte[bi.getWidth() * bi.getHeight() * 3];
        for (int y = 0; y < bi.getHeight(); y++) {
            for (int x = 0; x < bi.getWidth(); x++) {
                int v = bi.getRGB(x, y);
                int i = 3 * (y * bi.getWidth() + x);
                rgb[i] = (byte) (v >> 16);
                rgb[i + 1] = (byte) (v >> 8);
                rgb[i + 2] = (byte) v;
            }
        }
        return new RgbImage(bi.getWidth(), bi.getHeight(), rgb);
    }
}
