package io.maskstream.operators.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Role: the SAM 2 style video tracker. Encode a frame once; prompt with a box or points; propagate every
 * masklet of a stream from its memory bank; encode a (frame, mask) pair into a memory entry.
 *
 * <p>SAM 2.1 exports (pagarcia/sam2-onnx-cpp) have a batch of one on the image axis, so {@link #propagate}
 * loops over the banks, sharing the frame's tensors; the reference models have a batch axis over
 * masklets (manifest {@code batchAxis}) and propagate them all in one call. One thread at a time.
 */
public final class MaskletTracker implements TrackerRole {
    private final ModelManifest.TrackerSpec spec;
    private final OrtSession imageEncoder;
    private final OrtSession imageDecoder;
    private final OrtSession propagateDecoder;
    private final OrtSession memoryAttention;
    private final OrtSession memoryEncoder;
    private final Tensors tensors = new Tensors();
    /** The memory encoder's mask input, row-major, reused across calls. */
    private float[] maskValues = new float[0];
    /** Masklets per batched call; 0 = all. */
    private final int batchSize;
    private static final List<String> FRAME_KEYS =
            List.of("imageEmbeddings", "highResFeatures0", "highResFeatures1", "visionFeatures", "visionPosEmbed");

    MaskletTracker(ModelManifest.TrackerSpec spec, OrtSession imageEncoder, OrtSession imageDecoder,
                   OrtSession propagateDecoder, OrtSession memoryAttention, OrtSession memoryEncoder, int batchSize) {
        this.spec = spec;
        this.batchSize = batchSize;
        this.imageEncoder = imageEncoder;
        this.imageDecoder = imageDecoder;
        this.propagateDecoder = propagateDecoder;
        this.memoryAttention = memoryAttention;
        this.memoryEncoder = memoryEncoder;
    }

    @Override
    public FrameFeatures encodeFrame(RgbImage frame) {
        ModelManifest.ImageSpec image = spec.image();
        FloatBuffer buf = tensors.floatBuffer("image", ImagePreprocessor.size(image));
        ImagePreprocessor.fill(frame, image, buf);
        try (OnnxTensor in = Tensors.wrap(buf, 1, 3, image.height(), image.width());
             OrtSession.Result r = imageEncoder.run(Map.of(spec.imageEncoder().input("image").name(), in),
                     outputs(spec.imageEncoder(), FRAME_KEYS.toArray(String[]::new)))) {
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            for (String key : FRAME_KEYS) {
                out.put(key, Tensors.copy(r, spec.imageEncoder().output(key).name()));
            }
            return new FrameFeatures(frame.width(), frame.height(), out);
        } catch (OrtException e) {
            throw new IllegalStateException("image encoder failed", e);
        }
    }

    /** The memory entry for {@code mask} (frame resolution) on the frame of {@code features}. */
    @Override
    public MemoryFeatures encodeMemory(FrameFeatures features, Mask mask) {
        checkFrame(features, mask);
        ModelManifest.ImageSpec image = spec.image();
        Mask resized = mask.resize(image.height(), image.width());
        boolean logits = spec.memory().maskEncoding().equals("logits");
        float on = logits ? spec.memory().maskLogitMagnitude() : 1f;
        float off = logits ? -spec.memory().maskLogitMagnitude() : 0f;
        int h = image.height(), w = image.width();
        if (maskValues.length != h * w) {
            maskValues = new float[h * w];
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                maskValues[y * w + x] = resized.get(y, x) ? on : off;
            }
        }
        FloatBuffer buf = tensors.floatBuffer("memoryMask", maskValues.length);
        buf.put(maskValues); // one bulk copy, not a put per pixel
        ModelManifest.ComponentSpec c = spec.memoryEncoder();
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            OnnxTensor m = Tensors.wrap(buf, 1, 1, image.height(), image.width());
            owned.add(m);
            OnnxTensor pix = tensors.floatTensor("pixelFeatures", features.get("visionFeatures"));
            owned.add(pix);
            try (OrtSession.Result r = memoryEncoder.run(Map.of(c.input("mask").name(), m,
                    c.input("pixelFeatures").name(), pix), outputs(c, "features", "posEnc", "temporalCode"))) {
                FloatTensor temporal = c.output("temporalCode") == null ? null
                        : Tensors.copy(r, c.output("temporalCode").name());
                return new MemoryFeatures(Tensors.copy(r, c.output("features").name()),
                        Tensors.copy(r, c.output("posEnc").name()), temporal);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("memory encoder failed", e);
        } finally {
            Tensors.closeAll(owned);
        }
    }

    /**
     * One prediction per bank, in the banks' order. With a batch axis (manifest {@code batchAxis})
     * every masklet goes through memory attention and the decoder in one call each; otherwise one call
     * per masklet sharing the frame's tensors ({@code model.tracker-batch-size} caps the masklets per
     * batched call). A masklet's prediction does not depend on which other banks are in the call.
     */
    @Override
    public List<MaskletPrediction> propagate(FrameFeatures current, List<MemoryBankInput> banks) {
        if (banks.isEmpty()) {
            return new ArrayList<>(0);
        }
        if (!spec.batchAxis()) {
            return propagateEach(current, banks);
        }
        if (batchSize == 0 || banks.size() <= batchSize) {
            return propagateBatch(current, banks);
        }
        List<MaskletPrediction> out = new ArrayList<>(banks.size());
        for (int from = 0; from < banks.size(); from += batchSize) {
            out.addAll(propagateBatch(current, banks.subList(from, Math.min(banks.size(), from + batchSize))));
        }
        return out;
    }

    private List<MaskletPrediction> propagateBatch(FrameFeatures current, List<MemoryBankInput> banks) {
        ModelManifest.ComponentSpec att = spec.memoryAttention();
        ModelManifest.ComponentSpec dec = spec.propagateDecoder();
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> in = new LinkedHashMap<>();
            in.put(att.input("currentFeatures").name(), own(owned, tensors.floatTensor("current",
                    current.get("visionFeatures"))));
            in.put(att.input("currentPosEmbed").name(), own(owned, tensors.floatTensor("currentPos",
                    current.get("visionPosEmbed"))));
            batchedMemoryInputs(banks, in, owned);
            try (OrtSession.Result fused = memoryAttention.run(in, outputs(att, "fused"))) {
                Map<String, OnnxTensor> din = new LinkedHashMap<>();
                din.put(dec.input("imageEmbed").name(), Tensors.output(fused, att.output("fused").name()));
                din.put(dec.input("highResFeatures0").name(), own(owned, tensors.floatTensor("hr0",
                        current.get("highResFeatures0"))));
                din.put(dec.input("highResFeatures1").name(), own(owned, tensors.floatTensor("hr1",
                        current.get("highResFeatures1"))));
                try (OrtSession.Result r = propagateDecoder.run(din, outputs(dec, "masks", "iou", "objectScore"))) {
                    DecoderOutputs outputs = DecoderOutputs.of(r, dec);
                    List<MaskletPrediction> out = new ArrayList<>(banks.size());
                    for (int b = 0; b < banks.size(); b++) {
                        out.add(outputs.prediction(banks.get(b).maskletId(), b, current));
                    }
                    return out;
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("tracker propagation failed", e);
        } finally {
            Tensors.closeAll(owned);
        }
    }

    private static OnnxTensor own(List<OnnxTensor> owned, OnnxTensor t) {
        owned.add(t);
        return t;
    }

    /**
     * The memory inputs of a batch: each bank's memories (conditioning, then recent) padded to the same
     * number of slots (the manifest's temporal slots, or the largest bank if larger) with zero features,
     * zero position encoding and validity 0.
     */
    private void batchedMemoryInputs(List<MemoryBankInput> banks, Map<String, OnnxTensor> in, List<OnnxTensor> owned)
            throws OrtException {
        ModelManifest.ComponentSpec att = spec.memoryAttention();
        int slots = spec.memory().temporalSlots();
        int slotCount = slots;
        int pointers = 0;
        for (MemoryBankInput bank : banks) {
            slotCount = Math.max(slotCount, bank.conditioning().size() + bank.recent().size());
            pointers = Math.max(pointers, bank.objectPointers().size());
        }
        int pointerSlots = pointerSlots();
        if (att.input("objectPointers") == null) {
            pointers = 0;
        } else if (pointerSlots > 0) {
            pointers = pointerSlots;
        }
        MemoryFeatures sample = banks.get(0).conditioning().isEmpty() ? banks.get(0).recent().get(0)
                : banks.get(0).conditioning().get(0);
        int perMemory = sample.features().data().length;
        long[] posShape = sample.positionEncoding().shape();
        int rows = (int) posShape[0];
        int channels = (int) posShape[posShape.length - 1];
        int pointerRows = pointers * spec.memory().pointerTokensPerPointer();
        int batch = banks.size();

        FloatBuffer mem = tensors.floatBuffer("memory", batch * slotCount * perMemory);
        FloatBuffer pos = tensors.floatBuffer("memoryPos", batch * (slotCount * rows + pointerRows) * channels);
        FloatBuffer valid = tensors.floatBuffer("memoryValid", batch * slotCount);
        for (MemoryBankInput bank : banks) {
            int nc = bank.conditioning().size(), nr = bank.recent().size();
            for (int i = 0; i < slotCount; i++) {
                MemoryFeatures m = i < nc ? bank.conditioning().get(i) : i < nc + nr ? bank.recent().get(i - nc) : null;
                if (m == null) {
                    fill(mem, perMemory, 0f);
                    fill(pos, rows * channels, 0f);
                    valid.put(0f);
                    continue;
                }
                if (m.features().data().length != perMemory) {
                    throw new IllegalArgumentException("memory of masklet " + bank.maskletId() + " has "
                            + m.features().data().length + " values, others " + perMemory);
                }
                mem.put(m.features().data());
                // SAM 2: conditioning frames use the last temporal slot; the t-th most recent frame slot (slots − 1 − t).
                int t = i < nc ? 0 : nr - (i - nc);
                int slot = Math.max(0, slots - 1 - t);
                putPosition(pos, m, slot, rows, channels);
                valid.put(1f);
            }
            fill(pos, pointerRows * channels, 0f);
        }
        long[] memShape = new long[sample.features().shape().length + 1];
        memShape[0] = batch;
        memShape[1] = slotCount;
        System.arraycopy(sample.features().shape(), 1, memShape, 2, memShape.length - 2);
        in.put(att.input("memory").name(), own(owned, Tensors.wrap(mem, memShape)));
        in.put(att.input("memoryPosEmbed").name(), own(owned, Tensors.wrap(pos, batch, slotCount * rows + pointerRows,
                1, channels)));
        in.put(att.input("memoryValid").name(), own(owned, Tensors.wrap(valid, batch, slotCount)));
        if (att.input("objectPointers") != null) {
            String name = att.input("objectPointers").name();
            TensorInfo info = Tensors.inputInfo(memoryAttention, name);
            long[] shape = info.getShape();
            int dim = shape[shape.length - 1] > 0 ? (int) shape[shape.length - 1] : pointerDim(banks);
            FloatBuffer ptr = tensors.floatBuffer("pointers", batch * pointers * dim);
            FloatBuffer offsets = tensors.floatBuffer("pointerOffsets", batch * pointers);
            for (MemoryBankInput bank : banks) {
                // A model with a fixed number of pointer slots gets the most recent ones.
                int from = Math.max(0, bank.objectPointers().size() - pointers);
                for (int i = from; i < bank.objectPointers().size(); i++) {
                    float[] p = bank.objectPointers().get(i);
                    if (p.length != dim) {
                        throw new IllegalArgumentException("object pointer of length " + p.length + ", model expects "
                                + dim);
                    }
                    ptr.put(p);
                    offsets.put(bank.objectPointerOffsets().get(i));
                }
                int used = bank.objectPointers().size() - from;
                fill(ptr, (pointers - used) * dim, 0f);
                fill(offsets, pointers - used, 0f);
            }
            in.put(name, own(owned, Tensors.wrap(ptr, batch, pointers, dim)));
            if (att.input("objectPointerOffsets") != null) {
                in.put(att.input("objectPointerOffsets").name(), own(owned, Tensors.wrap(offsets, batch, pointers)));
            }
        }
    }

    /** The memory attention's fixed number of object-pointer slots (axis 1 of a batched input), or 0 if dynamic. */
    private int pointerSlots() {
        ModelManifest.ComponentSpec att = spec.memoryAttention();
        if (att.input("objectPointers") == null || !spec.batchAxis()) {
            return 0;
        }
        try {
            long[] shape = Tensors.inputInfo(memoryAttention, att.input("objectPointers").name()).getShape();
            return shape.length == 3 && shape[1] > 0 ? (int) shape[1] : 0;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read the memory attention's inputs", e);
        }
    }

    private static int pointerDim(List<MemoryBankInput> banks) {
        for (MemoryBankInput b : banks) {
            if (!b.objectPointers().isEmpty()) {
                return b.objectPointers().get(0).length;
            }
        }
        return 1;
    }

    private static void fill(FloatBuffer b, int n, float v) {
        for (int i = 0; i < n; i++) {
            b.put(v);
        }
    }

    /** The memory's position encoding plus the temporal code of its slot. */
    private static void putPosition(FloatBuffer pos, MemoryFeatures m, int slot, int rows, int channels) {
        float[] p = m.positionEncoding().data();
        float[] tc = m.temporalCode() == null ? null : m.temporalCode().data();
        if (tc == null) {
            pos.put(p, 0, rows * channels);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                pos.put(p[r * channels + c] + tc[slot * channels + c]);
            }
        }
    }

    private List<MaskletPrediction> propagateEach(FrameFeatures current, List<MemoryBankInput> banks) {
        List<MaskletPrediction> out = new ArrayList<>(banks.size());
        ModelManifest.ComponentSpec att = spec.memoryAttention();
        ModelManifest.ComponentSpec dec = spec.propagateDecoder();
        List<OnnxTensor> frameTensors = new ArrayList<>();
        try {
            OnnxTensor cur = tensors.floatTensor("current", current.get("visionFeatures"));
            frameTensors.add(cur);
            OnnxTensor curPos = tensors.floatTensor("currentPos", current.get("visionPosEmbed"));
            frameTensors.add(curPos);
            OnnxTensor hr0 = tensors.floatTensor("hr0", current.get("highResFeatures0"));
            frameTensors.add(hr0);
            OnnxTensor hr1 = tensors.floatTensor("hr1", current.get("highResFeatures1"));
            frameTensors.add(hr1);
            for (MemoryBankInput bank : banks) {
                List<OnnxTensor> bankTensors = new ArrayList<>();
                try {
                    Map<String, OnnxTensor> in = new LinkedHashMap<>();
                    in.put(att.input("currentFeatures").name(), cur);
                    in.put(att.input("currentPosEmbed").name(), curPos);
                    memoryInputs(bank, in, bankTensors);
                    try (OrtSession.Result fused = memoryAttention.run(in, outputs(att, "fused"))) {
                        Map<String, OnnxTensor> din = new LinkedHashMap<>();
                        din.put(dec.input("imageEmbed").name(), Tensors.output(fused, att.output("fused").name()));
                        din.put(dec.input("highResFeatures0").name(), hr0);
                        din.put(dec.input("highResFeatures1").name(), hr1);
                        try (OrtSession.Result r = propagateDecoder.run(din, outputs(dec, "masks", "iou", "objectScore"))) {
                            out.add(DecoderOutputs.of(r, dec).prediction(bank.maskletId(), 0, current));
                        }
                    }
                } finally {
                    Tensors.closeAll(bankTensors);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("tracker propagation failed", e);
        } finally {
            Tensors.closeAll(frameTensors);
        }
        return out;
    }

    private void memoryInputs(MemoryBankInput bank, Map<String, OnnxTensor> in, List<OnnxTensor> owned)
            throws OrtException {
        ModelManifest.ComponentSpec att = spec.memoryAttention();
        List<MemoryFeatures> all = new ArrayList<>(bank.conditioning());
        all.addAll(bank.recent());
        int slots = spec.memory().temporalSlots();
        int[] slotOf = new int[all.size()];
        int nc = bank.conditioning().size(), nr = bank.recent().size();
        for (int i = 0; i < all.size(); i++) {
            // SAM 2: conditioning frames use the last temporal slot; the t-th most recent frame slot (slots − 1 − t).
            int t = i < nc ? 0 : nr - (i - nc);
            slotOf[i] = Math.max(0, slots - 1 - t);
        }
        FloatTensor first = all.get(0).features();
        int perMemory = first.data().length;
        int rows = all.get(0).positionEncoding().dim(0);
        int channels = (int) all.get(0).positionEncoding().shape()[all.get(0).positionEncoding().shape().length - 1];
        int pointers = att.input("objectPointers") == null ? 0 : bank.objectPointers().size();
        int pointerRows = pointers * spec.memory().pointerTokensPerPointer();

        FloatBuffer mem = tensors.floatBuffer("memory", perMemory * all.size());
        FloatBuffer pos = tensors.floatBuffer("memoryPos", (all.size() * rows + pointerRows) * channels);
        for (int i = 0; i < all.size(); i++) {
            MemoryFeatures m = all.get(i);
            mem.put(m.features().data());
            float[] p = m.positionEncoding().data();
            float[] tc = m.temporalCode() == null ? null : m.temporalCode().data();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    float v = p[r * channels + c];
                    pos.put(tc == null ? v : v + tc[slotOf[i] * channels + c]);
                }
            }
        }
        for (int i = 0; i < pointerRows * channels; i++) {
            pos.put(0f);
        }
        long[] memShape = first.shape().clone();
        memShape[0] = all.size();
        OnnxTensor memory = Tensors.wrap(mem, memShape);
        owned.add(memory);
        in.put(att.input("memory").name(), memory);
        OnnxTensor memoryPos = Tensors.wrap(pos, all.size() * rows + pointerRows, 1, channels);
        owned.add(memoryPos);
        in.put(att.input("memoryPosEmbed").name(), memoryPos);
        if (att.input("objectPointers") != null) {
            String name = att.input("objectPointers").name();
            TensorInfo info = Tensors.inputInfo(memoryAttention, name);
            int dim = info.getShape()[1] > 0 ? (int) info.getShape()[1]
                    : bank.objectPointers().isEmpty() ? 1 : bank.objectPointers().get(0).length;
            FloatBuffer ptr = tensors.floatBuffer("pointers", pointers * dim);
            FloatBuffer offsets = tensors.floatBuffer("pointerOffsets", pointers);
            for (int i = 0; i < pointers; i++) {
                float[] p = bank.objectPointers().get(i);
                if (p.length != dim) {
                    throw new IllegalArgumentException("object pointer of length " + p.length + ", model expects " + dim);
                }
                ptr.put(p);
                offsets.put(bank.objectPointerOffsets().get(i));
            }
            OnnxTensor t = Tensors.wrap(ptr, pointers, dim);
            owned.add(t);
            in.put(name, t);
            if (att.input("objectPointerOffsets") != null) {
                OnnxTensor o = Tensors.wrap(offsets, pointers);
                owned.add(o);
                in.put(att.input("objectPointerOffsets").name(), o);
            }
        }
    }

    /**
     * The decoder's output buffers of one call, each copied out of ONNX Runtime once
     * ({@code getFloatBuffer} copies the whole tensor, so fetching it per batch item would copy the
     * [B, candidates, h, w] mask tensor B times).
     */
    private record DecoderOutputs(FloatBuffer masks, FloatBuffer iou, FloatBuffer objectScore,
                                  int candidates, int height, int width) {
        static DecoderOutputs of(OrtSession.Result r, ModelManifest.ComponentSpec dec) throws OrtException {
            OnnxTensor masks = Tensors.output(r, dec.output("masks").name());
            long[] shape = masks.getInfo().getShape();
            FloatBuffer iou = dec.output("iou") == null ? null
                    : Tensors.output(r, dec.output("iou").name()).getFloatBuffer();
            FloatBuffer objectScore = dec.output("objectScore") == null ? null
                    : Tensors.output(r, dec.output("objectScore").name()).getFloatBuffer();
            return new DecoderOutputs(masks.getFloatBuffer(), iou, objectScore,
                    (int) shape[1], (int) shape[2], (int) shape[3]);
        }

        /** The prediction of batch item {@code item}: the candidate with the highest predicted IoU. */
        MaskletPrediction prediction(int maskletId, int item, FrameFeatures frame) {
            float[] iouRow = null;
            if (iou != null) {
                iouRow = new float[candidates];
                iou.position(item * candidates);
                iou.get(iouRow);
            }
            int best = 0;
            if (iouRow != null) {
                for (int i = 1; i < candidates; i++) {
                    if (iouRow[i] > iouRow[best]) {
                        best = i;
                    }
                }
            }
            Mask mask = MaskDecoding.toFrameMask(masks, (item * candidates + best) * height * width, height, width,
                    frame.frameHeight(), frame.frameWidth());
            float score = iouRow == null ? 1f : clamp01(iouRow[best]);
            float presence = objectScore == null ? (mask.isEmpty() ? 0f : 1f)
                    : MaskDecoding.sigmoid(objectScore.get(item));
            return new MaskletPrediction(maskletId, mask, presence, score);
        }
    }

    /** The candidate mask with the highest predicted IoU (the first on ties; candidate 0 without an IoU head). */
    private static int best(OrtSession.Result r, ModelManifest.ComponentSpec dec, int candidates) {
        if (dec.output("iou") == null || candidates == 1) {
            return 0;
        }
        float[] iou = Tensors.copy(r, dec.output("iou").name()).data();
        int best = 0;
        for (int i = 1; i < candidates; i++) {
            if (iou[i] > iou[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Mask toMask(FloatTensor masks, int index, FrameFeatures frame) {
        int h = masks.dim(2), w = masks.dim(3);
        float[] logits = MaskDecoding.toFrame(masks.data(), index * h * w, h, w, frame.frameHeight(), frame.frameWidth());
        return MaskDecoding.threshold(logits, frame.frameHeight(), frame.frameWidth());
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** A user box prompt (frame pixels) on the frame of {@code features}. */
    @Override
    public Mask segmentFromBox(FrameFeatures features, Box box) {
        float sx = (float) spec.image().width() / features.frameWidth();
        float sy = (float) spec.image().height() / features.frameHeight();
        float[] coords = {box.x1() * sx, box.y1() * sy, box.x2() * sx, box.y2() * sy};
        return prompt(features, coords, new float[] {2f, 3f});
    }

    /** User point prompts (frame pixels, {x, y}); {@code positive} false marks a background point. */
    @Override
    public Mask segmentFromPoints(FrameFeatures features, List<float[]> points, List<Boolean> positive) {
        if (points.size() != positive.size() || points.isEmpty()) {
            throw new IllegalArgumentException("need one label per point and at least one point");
        }
        float sx = (float) spec.image().width() / features.frameWidth();
        float sy = (float) spec.image().height() / features.frameHeight();
        float[] coords = new float[2 * points.size()];
        float[] labels = new float[points.size()];
        for (int i = 0; i < points.size(); i++) {
            coords[2 * i] = points.get(i)[0] * sx;
            coords[2 * i + 1] = points.get(i)[1] * sy;
            labels[i] = positive.get(i) ? 1f : 0f;
        }
        return prompt(features, coords, labels);
    }

    /** Most interior points an object-pointer prompt uses. */
    private static final int POINTER_POINTS = 16;
    /** Half-width of the square a pixel's neighbourhood must fill to count as interior. */
    private static final int INTERIOR_RADIUS = 2;

    /**
     * The object pointer of {@code mask} (frame resolution) on the frame of {@code features}: the image
     * decoder's {@code objectPointer} output when prompted with positive points on the mask's interior
     * (up to 16 pixels whose 5×5 neighbourhood lies inside the mask, evenly spread in row-major order),
     * so the pointer describes the object and not the background its box also holds. Recomputable from
     * the stored frame bytes and RLE mask like memory features. Null for a mask with no interior (empty,
     * or a sliver: too thin to say what the object looks like), or when the image decoder has no
     * pointer output.
     */
    @Override
    public float[] objectPointer(FrameFeatures features, Mask mask) {
        float[][] prompt = pointerPrompt(features, mask);
        if (prompt == null) {
            return null;
        }
        String pointer = spec.imageDecoder().output("objectPointer").name();
        return decode(features, prompt[0], prompt[1], Set.of(pointer), r -> Tensors.copy(r, pointer).data());
    }

    /**
     * The point prompt ({coords, labels}, model input pixels) whose {@code objectPointer} describes
     * {@code mask}, or null when the mask gives no pointer (see {@link #objectPointer}).
     */
    private float[][] pointerPrompt(FrameFeatures features, Mask mask) {
        checkFrame(features, mask);
        ModelManifest.ComponentSpec c = spec.imageDecoder();
        if (mask.isEmpty() || c.output("objectPointer") == null) {
            return null;
        }
        int[] interior = interiorPixels(mask);
        if (interior.length == 0) {
            return null;
        }
        int n = Math.min(POINTER_POINTS, interior.length);
        float sx = (float) spec.image().width() / features.frameWidth();
        float sy = (float) spec.image().height() / features.frameHeight();
        float[] coords = new float[2 * n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int p = interior[(int) ((long) i * interior.length / n)];
            coords[2 * i] = (p % mask.width() + 0.5f) * sx;
            coords[2 * i + 1] = (p / mask.width() + 0.5f) * sy;
            labels[i] = 1f;
        }
        return new float[][] {coords, labels};
    }

    /**
     * Row-major indices of the mask pixels whose (2r+1)² neighbourhood is entirely in the mask. Only the
     * mask's bounding box is looked at: a neighbourhood that leaves the box holds a pixel outside the
     * mask, so it is never full.
     */
    static int[] interiorPixels(Mask mask) {
        Box box = mask.boundingBox();
        if (box == null) {
            return new int[0];
        }
        int r = INTERIOR_RADIUS;
        int x0 = (int) box.x1(), y0 = (int) box.y1(), x1 = (int) box.x2(), y1 = (int) box.y2();
        int bw = x1 - x0, bh = y1 - y0;
        int[] integral = new int[(bw + 1) * (bh + 1)];
        for (int y = 0; y < bh; y++) {
            int row = 0;
            for (int x = 0; x < bw; x++) {
                row += mask.get(y0 + y, x0 + x) ? 1 : 0;
                integral[(y + 1) * (bw + 1) + x + 1] = integral[y * (bw + 1) + x + 1] + row;
            }
        }
        int full = (2 * r + 1) * (2 * r + 1);
        int[] out = new int[Math.max(0, (bw - 2 * r) * (bh - 2 * r))];
        int count = 0;
        for (int y = r; y < bh - r; y++) {
            for (int x = r; x < bw - r; x++) {
                if (!mask.get(y0 + y, x0 + x)) {
                    continue;
                }
                int ya = y - r, xa = x - r, yb = y + r + 1, xb = x + r + 1;
                int sum = integral[yb * (bw + 1) + xb] - integral[ya * (bw + 1) + xb] - integral[yb * (bw + 1) + xa]
                        + integral[ya * (bw + 1) + xa];
                if (sum == full) {
                    out[count++] = (y0 + y) * mask.width() + x0 + x;
                }
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private Mask prompt(FrameFeatures features, float[] coords, float[] labels) {
        ModelManifest.ComponentSpec c = spec.imageDecoder();
        return decode(features, coords, labels, outputs(c, "masks", "iou"), r -> {
            FloatTensor masks = Tensors.copy(r, c.output("masks").name());
            return toMask(masks, best(r, c, masks.dim(1)), features);
        });
    }

    /** One image-decoder call on one prompt of {@code labels.length} points. */
    private <T> T decode(FrameFeatures features, float[] coords, float[] labels, Set<String> outputs,
                         java.util.function.Function<OrtSession.Result, T> read) {
        ModelManifest.ComponentSpec c = spec.imageDecoder();
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> in = new LinkedHashMap<>();
            OnnxTensor pc = tensors.floatTensor("coords", coords, 1, labels.length, 2);
            owned.add(pc);
            in.put(c.input("pointCoords").name(), pc);
            OnnxTensor pl = tensors.floatTensor("labels", labels, 1, labels.length);
            owned.add(pl);
            in.put(c.input("pointLabels").name(), pl);
            OnnxTensor embed = tensors.floatTensor("embed", features.get("imageEmbeddings"));
            owned.add(embed);
            in.put(c.input("imageEmbed").name(), embed);
            OnnxTensor hr0 = tensors.floatTensor("hr0", features.get("highResFeatures0"));
            owned.add(hr0);
            in.put(c.input("highResFeatures0").name(), hr0);
            OnnxTensor hr1 = tensors.floatTensor("hr1", features.get("highResFeatures1"));
            owned.add(hr1);
            in.put(c.input("highResFeatures1").name(), hr1);
            try (OrtSession.Result r = imageDecoder.run(in, outputs)) {
                return read.apply(r);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("image decoder failed", e);
        } finally {
            Tensors.closeAll(owned);
        }
    }

    /**
     * The model names of the component's outputs under the given roles, skipping roles it does not have:
     * what a call reads, so that ONNX Runtime hands back only those (it still runs every node of the
     * graph — inference builds do not prune to the requested outputs — so a graph's cost is in its nodes).
     */
    private static Set<String> outputs(ModelManifest.ComponentSpec c, String... roles) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String role : roles) {
            if (c.output(role) != null) {
                names.add(c.output(role).name());
            }
        }
        return names;
    }

    private static void checkFrame(FrameFeatures f, Mask mask) {
        if (mask.width() != f.frameWidth() || mask.height() != f.frameHeight()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + ", frame is "
                    + f.frameWidth() + "x" + f.frameHeight());
        }
    }
}
