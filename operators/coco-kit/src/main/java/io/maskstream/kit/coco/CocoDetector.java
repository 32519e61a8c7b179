package io.maskstream.kit.coco;

import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.ConceptVocabulary;
import io.maskstream.operators.inference.AppearanceExemplars;
import io.maskstream.operators.inference.DetectorRole;
import io.maskstream.operators.inference.Exemplar;
import io.maskstream.operators.inference.FloatTensor;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;

/**
 * Detector role and vocabulary of the coco kit: NanoDet once per frame, its detections of the asked
 * classes named by the concept that asked. A concept is a COCO class name or synonym; its embedding
 * carries the class id. Detection masks are boxes here; the tracker role cuts them with the foreground.
 *
 * <p>Image exemplars ({@link AppearanceExemplars}): a positive exemplar picks the class of the detection under
 * its box (of all 80 classes) and keeps the instances of that class whose colour histogram inside the box
 * matches the exemplar's; a negative one drops the concept's detections that match it.
 */
final class CocoDetector implements DetectorRole, ConceptVocabulary {
    private final NanoDet model;
    private final float[] thresholds;

    CocoDetector(NanoDet model, float[] thresholds) {
        this.model = model;
        this.thresholds = thresholds.clone();
    }

    @Override
    public ConceptEmbedding encode(String concept) {
        int id = CocoClasses.resolve(concept);
        return new ConceptEmbedding(concept, new FloatTensor(new float[] {id}, new long[] {1}), new boolean[] {true});
    }

    /** The 80 COCO class names, in the model's order (synonyms such as "people" resolve to them). */
    @Override
    public java.util.List<String> knownConcepts() {
        return CocoClasses.NAMES;
    }

    @Override
    public boolean batchesFrames() {
        return false;
    }

    @Override
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts) {
        List<Detection> out = new ArrayList<>();
        if (concepts.isEmpty()) {
            return out;
        }
        float[] min = new float[thresholds.length];
        java.util.Arrays.fill(min, 2f); // above 1: the class is left out
        for (ConceptEmbedding c : concepts) {
            if (c.features().data().length > 0) { // an image-only concept has no class of its own
                int id = (int) c.features().data()[0];
                min[id] = thresholds[id];
            }
        }
        for (CocoDetection d : model.detect(frame, min)) {
            Box box = new Box(d.x0(), d.y0(), d.x1(), d.y1()).clip(frame.width(), frame.height());
            if (box.width() <= 0 || box.height() <= 0) {
                continue;
            }
            Mask mask = Mask.rectangle(frame.height(), frame.width(), Math.round(box.x1()), Math.round(box.y1()),
                    Math.round(box.x2()), Math.round(box.y2()));
            for (ConceptEmbedding c : concepts) {
                if (c.features().data().length > 0 && (int) c.features().data()[0] == d.classId()) {
                    out.add(new Detection(box, Math.max(0f, Math.min(1f, d.score())), mask, c.concept()));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    @Override
    public String exemplarsUnsupported() {
        return null;
    }

    @Override
    public Exemplar exemplar(RgbImage frame, Box box, boolean positive) {
        return AppearanceExemplars.describe(frame, box, positive, detectNamed(frame, CocoClasses.NAMES));
    }

    @Override
    public List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts, Map<String, List<Exemplar>> exemplars) {
        if (exemplars.isEmpty()) {
            return detect(frame, concepts);
        }
        return AppearanceExemplars.detect(frame, concepts, exemplars, this::detectNamed);
    }

    private List<Detection> detectNamed(RgbImage frame, List<String> names) {
        List<ConceptEmbedding> embeddings = new ArrayList<>(names.size());
        for (String n : names) {
            embeddings.add(encode(n));
        }
        return detect(frame, embeddings);
    }

    @Override
    public List<List<Detection>> detect(List<Request> requests) {
        List<List<Detection>> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(detect(r.frame(), r.concepts()));
        }
        return out;
    }
}
