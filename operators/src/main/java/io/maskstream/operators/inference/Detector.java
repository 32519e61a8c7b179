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
 *
 * <p>Image exemplars: a decoder with geometry prompt inputs ({@code boxes}, {@code boxLabels}, SAM 3's
 * {@code input_boxes} / {@code input_boxes_labels}) gets a concept's exemplar boxes there, as the export expects
 * them: [1, n, 4] centre x, centre y, width, height normalised to the frame, labels 1 positive / 0 negative;
 * an image-only concept's text is SAM 3's placeholder "visual" ({@link ConceptEncoder#encodeImageOnly}). The box
 * is read on the frame being detected (the export pools the image under it), so it says "like what is at this
 * place". A decoder without them over a closed vocabulary (the reference models) takes exemplars as
 * {@link AppearanceExemplars}; one over an open vocabulary cannot.
 */
public final class Detector implements DetectorRole {
    private final ModelManifest.DetectorSpec spec;
    private final OrtSession vision;
    private final OrtSession decoder;
    private final float threshold;
    /** The bundle's concept encoder, for exemplars over a closed vocabulary; may be null. */
    private final ConceptVocabulary vocabulary;
    private final Tensors tensors = new Tensors();

    Detector(ModelManifest.DetectorSpec spec, OrtSession vision, OrtSession decoder, float threshold,
             ConceptVocabulary vocabulary) {
        this.spec = spec;
        this.vision = vision;
        this.decoder = decoder;
        this.threshold = threshold;
        this.vocabulary = vocabulary;
    }

    private boolean takesBoxes() {
        return spec.decoder().input("boxes") != null;
    }

    @Override
    public String exemplarsUnsupported() {
        if (takesBoxes() || (vocabulary != null && !vocabulary.knownConcepts().isEmpty())) {
            return null;
        }
        return "the detector's decoder has no geometry prompt inputs (boxes, boxLabels) and its vocabulary is open, "
                + "so it cannot use image exemplars";
    }

    @Override
    public Exemplar exemplar(RgbImage frame, Box box, boolean positive) {
        String why = exemplarsUnsupported();
        if (why != null) {
            throw new ExemplarsUnsupportedException(why);
        }
        if (takesBoxes()) {
            return new Exemplar(box, positive, null, null);
        }
        return AppearanceExemplars.describe(frame, box, positive, detectNamed(frame, vocabulary.knownConcepts()));
    }

    @Override
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts,
                                  Map<String, List<Exemplar>> exemplars) {
        if (exemplars.isEmpty() || concepts.isEmpty()) {
            return detect(frame, concepts);
        }
        String why = exemplarsUnsupported();
        if (why != null) {
            throw new ExemplarsUnsupportedException(why);
        }
        if (takesBoxes()) {
            return detectBatch(List.of(frame), concepts, exemplars).get(0);
        }
        return AppearanceExemplars.detect(frame, concepts, exemplars, this::detectNamed);
    }

    private List<Detection> detectNamed(RgbImage frame, List<String> names) {
        List<ConceptEmbedding> embeddings = new ArrayList<>(names.size());
        for (String n : names) {
            embeddings.add(vocabulary.encode(n));
        }
        return detect(frame, embeddings);
    }

    /** Whether {@link #detect(List)} runs several frames per model call (manifest {@code batchAxis}). */
    @Override
    public boolean batchesFrames() {
        return spec.batchAxis();
    }

    /**
     * Every instance of every concept: box in frame pixels, score in [0, 1], mask at frame resolution;
     * scores below the detection threshold dropped; sorted by score (descending), then box, then concept.
     */
    @Override
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts) {
        if (concepts.isEmpty()) {
            return new ArrayList<>();
        }
        return detectBatch(List.of(frame), concepts, Map.of()).get(0);
    }

    /**
     * {@link #detect(RgbImage, List)} of each request, in the requests' order. With a batch axis the
     * frames that ask for the same concepts share the model calls (one vision call, one decoder call per
     * concept); the rows of a batch are independent, so each frame's detections are bit-identical to a
     * call of its own. Without one (SAM 3 exports), one frame per call.
     */
    @Override
    public List<List<Detection>> detect(List<Request> requests) {
        List<List<Detection>> out = new ArrayList<>(requests.size());
        if (!spec.batchAxis()) {
            for (Request r : requests) {
                out.add(detect(r.frame(), r.concepts()));
            }
            return out;
        }
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(null);
            List<String> names = new ArrayList<>();
            for (ConceptEmbedding c : requests.get(i).concepts()) {
                names.add(c.concept());
            }
            groups.computeIfAbsent(names, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            List<ConceptEmbedding> concepts = requests.get(group.get(0)).concepts();
            if (concepts.isEmpty()) {
                group.forEach(i -> out.set(i, new ArrayList<>()));
                continue;
            }
            List<RgbImage> frames = new ArrayList<>(group.size());
            group.forEach(i -> frames.add(requests.get(i).frame()));
            List<List<Detection>> found = detectBatch(frames, concepts, Map.of());
            for (int k = 0; k < group.size(); k++) {
                out.set(group.get(k), found.get(k));
            }
        }
        return out;
    }

    /** Detections of every frame for the same concepts (and exemplar boxes): a batch of {@code frames.size()} rows. */
    private List<List<Detection>> detectBatch(List<RgbImage> frames, List<ConceptEmbedding> concepts,
                                              Map<String, List<Exemplar>> exemplars) {
        int n = frames.size();
        List<List<Detection>> out = new ArrayList<>(n);
        ModelManifest.ImageSpec image = spec.image();
        int size = ImagePreprocessor.size(image);
        FloatBuffer buf = tensors.floatBuffer("image", n * size);
        for (int i = 0; i < n; i++) {
            buf.limit(n * size);
            buf.position(i * size);
            ImagePreprocessor.fill(frames.get(i), image, buf);
            out.add(new ArrayList<>());
        }
        try (OnnxTensor in = Tensors.wrap(buf, n, 3, image.height(), image.width());
             OrtSession.Result features = vision.run(Map.of(spec.visionEncoder().input("image").name(), in))) {
            for (ConceptEmbedding concept : concepts) {
                if (concept.features().data().length == 0) {
                    continue; // an image-only concept without text: only its exemplars find anything
                }
                decode(frames, features, concept, exemplars.getOrDefault(concept.concept(), List.of()), out);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("detector failed", e);
        }
        out.forEach(l -> l.sort(ORDER));
        return out;
    }

    /** Adds the concept's detections on each frame to {@code out} (row i = frame i). */
    private void decode(List<RgbImage> frames, OrtSession.Result features, ConceptEmbedding concept,
                        List<Exemplar> exemplars, List<List<Detection>> out) throws OrtException {
        ModelManifest.ComponentSpec d = spec.decoder();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        List<OnnxTensor> owned = new ArrayList<>();
        int n = frames.size();
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
                // A text-only prompt: one "no box" entry, as the geometry encoder of a SAM 3 export expects;
                // else the exemplars, centre-size normalised to the frame (one frame per call: no batch axis).
                int k = Math.max(1, exemplars.size());
                float[] xywh = new float[4 * k];
                long[] boxLabels = {spec.paddingBoxLabel()};
                if (!exemplars.isEmpty()) {
                    boxLabels = new long[k];
                    float fw = frames.get(0).width(), fh = frames.get(0).height();
                    for (int i = 0; i < k; i++) {
                        Box b = exemplars.get(i).box();
                        xywh[4 * i] = (b.x1() + b.x2()) / 2 / fw;
                        xywh[4 * i + 1] = (b.y1() + b.y2()) / 2 / fh;
                        xywh[4 * i + 2] = b.width() / fw;
                        xywh[4 * i + 3] = b.height() / fh;
                        boxLabels[i] = exemplars.get(i).positive() ? 1 : 0;
                    }
                }
                OnnxTensor boxes = tensors.floatTensor("boxes", xywh, 1, k, 4);
                owned.add(boxes);
                inputs.put(d.input("boxes").name(), boxes);
                String labelsName = d.input("boxLabels").name();
                OnnxTensor labels = tensors.flags("boxLabels", boxLabels, Tensors.inputInfo(decoder, labelsName), 1, k);
                owned.add(labels);
                inputs.put(labelsName, labels);
            }
            try (OrtSession.Result r = decoder.run(inputs)) {
                FloatTensor presence = d.output("presence") == null ? null : Tensors.copy(r, d.output("presence").name());
                FloatTensor masks = spec.instances().equals("connected-components")
                        ? Tensors.copy(r, d.output("masks").name()) : null;
                FloatTensor boxes = masks == null ? Tensors.copy(r, d.output("boxes").name()) : null;
                FloatTensor scores = masks == null ? Tensors.copy(r, d.output("scores").name()) : null;
                for (int row = 0; row < n; row++) {
                    RgbImage frame = frames.get(row);
                    float p = presence == null ? 1f : MaskDecoding.sigmoid(presence.data()[rowStart(presence, row, n)]);
                    if (masks != null) {
                        out.get(row).addAll(components(frame, masks, rowStart(masks, row, n), p, concept.concept()));
                    } else {
                        OnnxTensor planes = Tensors.output(r, d.output("masks").name());
                        out.get(row).addAll(queries(frame, planes, rowStart(planes.getInfo().getShape(), row, n),
                                boxes, rowStart(boxes, row, n), scores, rowStart(scores, row, n), p,
                                concept.concept()));
                    }
                }
            }
        } finally {
            Tensors.closeAll(owned);
        }
    }

    /** Where row {@code row} of a batch of {@code n} starts in a tensor; a tensor of batch 1 is shared by every row. */
    private static int rowStart(FloatTensor t, int row, int n) {
        return rowStart(t.shape(), row, n);
    }

    private static int rowStart(long[] shape, int row, int n) {
        if (shape.length == 0 || shape[0] != n || n == 1) {
            return 0;
        }
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            perRow *= shape[i];
        }
        return Math.toIntExact(row * perRow);
    }

    /** Reads only the mask planes of queries that pass the threshold from the output (SAM 3: 200 × 288 × 288). */
    private List<Detection> queries(RgbImage frame, OnnxTensor masks, int maskStart, FloatTensor boxes,
                                    int boxStart, FloatTensor scores, int scoreStart, float presence, String concept) {
        long[] shape = masks.getInfo().getShape();
        int q = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        FloatBuffer planes = masks.getFloatBuffer();
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            float score = MaskDecoding.sigmoid(scores.data()[scoreStart + i]) * presence;
            if (!(score >= threshold)) {
                continue;
            }
            Mask mask = MaskDecoding.toFrameMask(planes, maskStart + i * h * w, h, w, frame.height(), frame.width());
            int o = boxStart + 4 * i;
            float a = boxes.data()[o], b = boxes.data()[o + 1];
            float c = boxes.data()[o + 2], e = boxes.data()[o + 3];
            Box box = spec.boxFormat().equals("cxcywh-normalised")
                    ? new Box(a - c / 2, b - e / 2, a + c / 2, b + e / 2)
                    : new Box(a, b, c, e);
            box = box.toPixels(frame.width(), frame.height()).clip(frame.width(), frame.height());
            out.add(new Detection(box, Math.min(1f, score), mask, concept));
        }
        return out;
    }

    private List<Detection> components(RgbImage frame, FloatTensor masks, int start, float presence, String concept) {
        int h = masks.dim(2), w = masks.dim(3);
        int fh = frame.height(), fw = frame.width();
        float[] logits = MaskDecoding.toFrame(masks.data(), start, h, w, fh, fw);
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
