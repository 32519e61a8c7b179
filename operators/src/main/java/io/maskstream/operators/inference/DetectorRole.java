package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Role: frame + concepts (text and/or image exemplars) → detections. One thread at a time. */
public interface DetectorRole {
    /** The order of {@link #detect}'s answer: score descending, then box, then concept. */
    Comparator<Detection> ORDER = Comparator.comparing((Detection d) -> -d.score())
            .thenComparing(d -> d.box().x1()).thenComparing(d -> d.box().y1())
            .thenComparing(d -> d.box().x2()).thenComparing(d -> d.box().y2())
            .thenComparing(Detection::concept);

    /** One frame and the concepts to find on it. */
    record Request(RgbImage frame, List<ConceptEmbedding> concepts) {}

    /** Whether {@link #detect(List)} runs several frames per model call. */
    boolean batchesFrames();

    /**
     * Every instance of every concept: box in frame pixels, score in [0, 1], mask at frame resolution;
     * sorted by {@link #ORDER}.
     */
    List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts);

    /** {@link #detect(RgbImage, List)} of each request, in the requests' order. */
    List<List<Detection>> detect(List<Request> requests);

    /** Why this detector cannot use image exemplars, or null when it can. */
    default String exemplarsUnsupported() {
        return "the detector of this model kit takes no image exemplars";
    }

    /**
     * The exemplar {@code box} (frame pixels) draws on {@code frame}, as this detector keeps it.
     *
     * @throws ExemplarsUnsupportedException when the detector cannot use exemplars
     * @throws IllegalArgumentException when the box shows nothing the detector can use (the message says why)
     */
    default Exemplar exemplar(RgbImage frame, Box box, boolean positive) {
        throw new ExemplarsUnsupportedException(exemplarsUnsupported());
    }

    /**
     * {@link #detect(RgbImage, List)} with each concept's exemplars ({@link #exemplar}, by concept name): positive
     * ones add instances like them, negative ones take instances like them away.
     */
    default List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts, Map<String, List<Exemplar>> exemplars) {
        if (exemplars.isEmpty()) {
            return detect(frame, concepts);
        }
        throw new ExemplarsUnsupportedException(exemplarsUnsupported());
    }
}
