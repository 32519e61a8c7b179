package io.maskstream.operators.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Role: frame + concepts → detections. The vision encoder runs once per frame, the decoder once per
 * concept (with one padding box when the decoder also takes geometry prompts, as SAM 3's three-file export
 * does). Post-processing follows the manifest: {@code queries} (SAM 3: one instance per query slot,
 * score = sigmoid(logit) × sigmoid(presence), box from the box head in {@code boxFormat}, normalised to the
 * model input and so to the frame since the resize stretches; mask logits upsampled bilinearly to the frame
 * and thresholded at 0) or {@code connected-components}
 * (one semantic slot; instances are its 4-connected components, score = mean pixel probability ×
 * sigmoid(presence), box = the component's bounds). One thread at a time.
 */
public final class Detector {
    private static final Comparator<Detection> ORDER = Comparator.comparing((Detection d) -> -d.score())
            .thenComparing(d -> d.box().x1()).thenComparing(d -> d.box().y1())
            .thenComparing(d -> d.box().x2()).thenComparing(d -> d.box().y2())
            .thenComparing(Detection::concept);

    private final ModelManifest.DetectorSpec spec;
    private final OrtSession vision;
    private final OrtSession decoder;
    private final float threshold;
    private final Tensors tensors = new Tensors();

    Detector(ModelManifest.DetectorSpec spec, OrtSession vision, OrtSession decoder, float threshold) {
        this.spec = spec;
        this.vision = vision;
        this.decoder = decoder;
        this.threshold = threshold;
    }

    /**
     * Every instance of every concept: box in frame pixels, score in [0, 1], mask at frame resolution;
     * scores below the detection threshold dropped; sorted by score (descending), then box, then concept.
     */
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts) {
        List<Detection> out = new ArrayList<>();
        if (concepts.isEmpty()) {
            return out;
        }
        ModelManifest.ImageSpec image = spec.image();
        FloatBuffer buf = tensors.floatBuffer("image", ImagePreprocessor.size(image));
        ImagePreprocessor.fill(frame, image, buf);
        try (OnnxTensor in = Tensors.wrap(buf, 1, 3, image.height(), image.width());
             OrtSession.Result features = vision.run(Map.of(spec.visionEncoder().input("image").name(), in))) {
            for (ConceptEmbedding concept : concepts) {
                out.addAll(decode(frame, features, concept));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("detector failed", e);
        }
        out.sort(ORDER);
        return out;
    }

    private List<Detection> decode(RgbImage frame, OrtSession.Result features, ConceptEmbedding concept)
            throws OrtException {
        ModelManifest.ComponentSpec d = spec.decoder();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            for (ModelManifest.TensorSpec t : d.inputs().values()) {
                if (t.from() != null) {
                    inputs.put(t.name(), Tensors.output(features, spec.visionEncoder().output(t.from()).name()));
                }
            }
            OnnxTensor pf = tensors.floatTensor("prompt", concept.features());
            owned.add(pf);
            inputs.put(d.input("promptFeatures").name(), pf);
            boolean[] m = concept.tokenMask();
            long[] flags = new long[m.length];
            for (int i = 0; i < m.length; i++) {
                flags[i] = m[i] ? 1 : 0;
            }
            String maskName = d.input("promptMask").name();
            OnnxTensor pm = tensors.flags("promptMask", flags, Tensors.inputInfo(decoder, maskName), 1, m.length);
            owned.add(pm);
            inputs.put(maskName, pm);
            if (d.input("boxes") != null) {
                // A text-only prompt: one "no box" entry, as the geometry encoder of a SAM 3 export expects.
                OnnxTensor boxes = tensors.floatTensor("boxes", new float[4], 1, 1, 4);
                owned.add(boxes);
                inputs.put(d.input("boxes").name(), boxes);
                String labelsName = d.input("boxLabels").name();
                OnnxTensor labels = tensors.flags("boxLabels", new long[] {spec.paddingBoxLabel()},
                        Tensors.inputInfo(decoder, labelsName), 1, 1);
                owned.add(labels);
                inputs.put(labelsName, labels);
            }
            try (OrtSession.Result r = decoder.run(inputs)) {
                float presence = 1f;
                if (d.output("presence") != null) {
                    presence = MaskDecoding.sigmoid(Tensors.copy(r, d.output("presence").name()).data()[0]);
                }
                if (spec.instances().equals("connected-components")) {
                    return components(frame, Tensors.copy(r, d.output("masks").name()), presence, concept.concept());
                }
                FloatTensor boxes = Tensors.copy(r, d.output("boxes").name());
                FloatTensor scores = Tensors.copy(r, d.output("scores").name());
                return queries(frame, Tensors.output(r, d.output("masks").name()), boxes, scores, presence,
                        concept.concept());
            }
        } finally {
            Tensors.closeAll(owned);
        }
    }

    /** Reads only the mask planes of queries that pass the threshold from the output (SAM 3: 200 × 288 × 288). */
    private List<Detection> queries(RgbImage frame, OnnxTensor masks, FloatTensor boxes, FloatTensor scores,
                                    float presence, String concept) {
        long[] shape = masks.getInfo().getShape();
        int q = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        FloatBuffer planes = masks.getFloatBuffer();
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            float score = MaskDecoding.sigmoid(scores.data()[i]) * presence;
            if (!(score >= threshold)) {
                continue;
            }
            Mask mask = MaskDecoding.toFrameMask(planes, i * h * w, h, w, frame.height(), frame.width());
            float a = boxes.data()[4 * i], b = boxes.data()[4 * i + 1];
            float c = boxes.data()[4 * i + 2], e = boxes.data()[4 * i + 3];
            Box box = spec.boxFormat().equals("cxcywh-normalised")
                    ? new Box(a - c / 2, b - e / 2, a + c / 2, b + e / 2)
                    : new Box(a, b, c, e);
            box = box.toPixels(frame.width(), frame.height()).clip(frame.width(), frame.height());
            out.add(new Detection(box, Math.min(1f, score), mask, concept));
        }
        return out;
    }

    private List<Detection> components(RgbImage frame, FloatTensor masks, float presence, String concept) {
        int h = masks.dim(2), w = masks.dim(3);
        int fh = frame.height(), fw = frame.width();
        float[] logits = MaskDecoding.toFrame(masks.data(), 0, h, w, fh, fw);
        List<Detection> out = new ArrayList<>();
        for (int[] pixels : MaskDecoding.components(logits, fh, fw)) {
            if (pixels.length < spec.minInstanceArea()) {
                continue;
            }
            double sum = 0;
            Mask.Builder b = Mask.builder(fh, fw);
            for (int p : pixels) {
                sum += MaskDecoding.sigmoid(logits[p]);
                b.set(p / fw, p % fw);
            }
            float score = (float) (sum / pixels.length) * presence;
            if (!(score >= threshold)) {
                continue;
            }
            Mask mask = b.build();
            out.add(new Detection(mask.boundingBox(), Math.min(1f, score), mask, concept));
        }
        return out;
    }
}
