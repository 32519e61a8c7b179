package io.maskstream.operators.inference;

import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import java.util.List;

/** Role: frame + concepts → detections. One thread at a time. */
public interface DetectorRole {
    /** One frame and the concepts to find on it. */
    record Request(RgbImage frame, List<ConceptEmbedding> concepts) {}

    /** Whether {@link #detect(List)} runs several frames per model call. */
    boolean batchesFrames();

    /**
     * Every instance of every concept: box in frame pixels, score in [0, 1], mask at frame resolution;
     * sorted by score (descending), then box, then concept.
     */
    List<Detection> detect(RgbImage frame, List<ConceptEmbedding> concepts);

    /** {@link #detect(RgbImage, List)} of each request, in the requests' order. */
    List<List<Detection>> detect(List<Request> requests);
}
