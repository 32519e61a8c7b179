package io.maskstream.operators.stream;

import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.DetectorRole;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.tracking.DetectionNms;
import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.tracking.MemorySelection;
import io.maskstream.operators.tracking.StreamTracker;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.operators.stream.FrameStore.EncodedFrame;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.operators.inference.Exemplar;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import io.maskstream.state.tracking.MemoryFrame;
import java.util.ArrayList;
import io.maskstream.operators.tracking.instruction.InstructionFollower;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;

/**
 * Runs one stream's frames through the models and the SAM 3 rules: detect → propagate every
 * masklet in one batched call → {@link StreamTracker} decisions → keep the frames memory refers to.
 *
 * <p>Model tensors live only in this object's per-stream cache, never in state: on a miss (after a
 * restore, or when a frame left the cache) they are recomputed from the stored frame bytes and the
 * stored RLE masks, which gives bit-identical features. One instance serves every stream of an
 * operator; it is not thread-safe.
 */
public final class StreamProcessor {
    /** Frame features kept per stream: the memory banks look at most this far back without a miss. */
    private static final int FRAME_FEATURES_KEPT = 16;

    private final ModelKit models;
    private final TrackerSettings settings;
    private final Map<String, ConceptEmbedding> conceptEmbeddings = new HashMap<>();
    private final Map<String, StreamCache> caches = new HashMap<>();
    private final ModelTimings timings = new ModelTimings();
    /** Detections computed by the last micro-batch, until {@link #process} takes them. */
    private final Map<PrefetchKey, Prefetched> prefetched = new HashMap<>();

    public StreamProcessor(ModelKit models, TrackerSettings settings) {
        this.models = Objects.requireNonNull(models);
        this.settings = Objects.requireNonNull(settings);
    }

    public ModelTimings timings() {
        return timings;
    }

    /**
     * True when the models have an instruction encoder: instructions then go to the model as detection
     * prompts (concept {@link InstructionFollower#modelConcept}); otherwise the grammar resolves them.
     */
    public boolean instructionsGoToTheModel() {
        return models.instructionEncoder() != null;
    }

    /** Checks that the instruction encoder can encode {@code text} (tokenizer only). */
    public void checkInstruction(String text) {
        models.instructionEncoder().check(text);
    }

    /**
     * The embedding of a concept; throws the encoder's typed error for a concept it cannot represent. A
     * model-resolved instruction's concept is encoded by the instruction encoder.
     */
    public ConceptEmbedding concept(String name) {
        ConceptEmbedding e = conceptEmbeddings.get(name);
        if (e == null) {
            if (name.startsWith(InstructionFollower.MODEL_CONCEPT_PREFIX) && instructionsGoToTheModel()) {
                ConceptEmbedding i = models.instructionEncoder()
                        .encode(name.substring(InstructionFollower.MODEL_CONCEPT_PREFIX.length()));
                e = new ConceptEmbedding(name, i.features(), i.tokenMask()); // detections carry the concept's name
            } else if (PromptCommand.isImageConcept(name)) {
                e = models.conceptEncoder().encodeImageOnly(name);
            } else {
                e = models.conceptEncoder().encode(name);
            }
            conceptEmbeddings.put(name, e);
        }
        return e;
    }

    /** A frame whose detections a micro-batch computes before {@link #process} asks for them. */
    public record DetectionPrefetch(String streamId, long seq, RgbImage image, List<String> concepts) {}

    /**
     * Runs the detector once for frames of any streams (frames with equal concepts share the model calls
     * when the detector has a batch axis) and keeps each frame's detections for {@link #process}, which
     * takes them when stream, seq, concepts and pixels match and runs the detector itself otherwise (a
     * prompt changed the concepts, say). A frame with a concept the encoder cannot represent is left out:
     * {@link #process} reports it as before. A detector without a batch axis has no calls to share, so
     * nothing is prefetched for it. Call {@link #clearPrefetched} when the batch is done.
     */
    public void prefetchDetections(List<DetectionPrefetch> frames) {
        List<DetectorRole.Request> requests = new ArrayList<>(frames.size());
        List<DetectionPrefetch> kept = new ArrayList<>(frames.size());
        for (DetectionPrefetch f : frames) {
            if (f.concepts().isEmpty()) {
                continue;
            }
            List<ConceptEmbedding> embeddings = new ArrayList<>(f.concepts().size());
            try {
                for (String c : f.concepts()) {
                    embeddings.add(concept(c));
                }
            } catch (RuntimeException e) {
                continue;
            }
            requests.add(new DetectorRole.Request(f.image(), embeddings));
            kept.add(f);
        }
        if (requests.size() < 2 || !models.detector().batchesFrames()) {
            return; // nothing to share: process runs the detector frame by frame as before
        }
        long t0 = System.nanoTime();
        List<List<Detection>> found = models.detector().detect(requests);
        timings.addDetect(System.nanoTime() - t0);
        for (int i = 0; i < kept.size(); i++) {
            DetectionPrefetch f = kept.get(i);
            prefetched.put(new PrefetchKey(f.streamId(), f.seq(), List.copyOf(f.concepts())),
                    new Prefetched(f.image(), found.get(i)));
        }
    }

    /** Drops the detections of the last micro-batch that {@link #process} did not take. */
    public void clearPrefetched() {
        prefetched.clear();
    }

    /**
     * Features of the current frame, computed once and cached for memory encoding, completed with the
     * scene the tracker models from the earlier frames {@code store} keeps for it.
     */
    public FrameFeatures encodeFrame(String streamId, long seq, RgbImage image, FrameStore store) throws Exception {
        long t0 = System.nanoTime();
        FrameFeatures f = models.tracker().encodeFrame(image);
        timings.addEncode(System.nanoTime() - t0);
        StreamCache cache = cache(streamId);
        cache.putFrame(seq, f);
        SortedSet<Long> sceneFrames = models.tracker().sceneFrames(seq);
        if (sceneFrames.isEmpty()) {
            return f;
        }
        Set<Long> stored = Set.copyOf(store.seqs());
        cache.scene.keySet().retainAll(sceneFrames);
        List<FrameFeatures> scene = new ArrayList<>(sceneFrames.size());
        for (long s : sceneFrames) {
            if (stored.contains(s)) {
                FrameFeatures sf = cache.scene.get(s);
                if (sf == null) {
                    sf = frameFeatures(-1, s, cache, store);
                    cache.scene.put(s, sf);
                }
                scene.add(sf);
            }
        }
        long t1 = System.nanoTime();
        FrameFeatures withScene = models.tracker().withScene(f, scene);
        timings.addEncode(System.nanoTime() - t1);
        return withScene;
    }

    /** Why the kit's detector cannot use image exemplars, or null when it can. */
    public String exemplarsUnsupported() {
        return models.detector().exemplarsUnsupported();
    }

    /** The exemplar {@code box} draws on {@code image}, as the kit's detector keeps it (see DetectorRole#exemplar). */
    public Exemplar exemplar(RgbImage image, Box box, boolean positive) {
        long t0 = System.nanoTime();
        Exemplar e = models.detector().exemplar(image, box, positive);
        timings.addDetect(System.nanoTime() - t0);
        return e;
    }

    /**
     * Processes frame {@code seq} whose features were computed by {@link #encodeFrame}, detecting
     * {@code concepts} with their {@code exemplars}; returns the rules' decisions, including the frames
     * released by the confirmation delay.
     */
    public FrameDecisions process(
            String streamId,
            StreamTracker tracker,
            long seq,
            RgbImage image,
            FrameFeatures features,
            EncodedFrame encoded,
            List<String> concepts,
            Map<String, List<Exemplar>> exemplars,
            FrameStore store)
            throws Exception {
        StreamCache cache = cache(streamId);
        long t0 = System.nanoTime();
        List<Detection> detections = List.of();
        if (!concepts.isEmpty()) {
            Prefetched hit = prefetched.remove(new PrefetchKey(streamId, seq, List.copyOf(concepts)));
            if (hit != null && exemplars.isEmpty() && hit.image().width() == image.width() && hit.image().height() == image.height()
                    && java.util.Arrays.equals(hit.image().rgb(), image.rgb())) {
                detections = models.tracker().cutDetectionMasks(features, DetectionNms.apply(hit.detections()));
                timings.addPrefetched();
            } else {
                detections = detect(image, features, concepts, exemplars);
            }
        }
        long t1 = System.nanoTime();
        List<Integer> live = tracker.liveMaskletIds();
        Set<Long> stored = new java.util.HashSet<>(store.seqs());
        List<MaskletPrediction> predictions = List.of();
        long banksBuilt = t1;
        if (!live.isEmpty()) {
            List<MemoryBankInput> banks = new ArrayList<>(live.size());
            for (int id : live) {
                banks.add(memoryBank(id, seq, tracker.memorySelection(id), cache, store, stored));
            }
            banksBuilt = System.nanoTime();
            predictions = models.tracker().propagate(features, banks);
            timings.addPropagated(banks.size());
        }
        long t2 = System.nanoTime();
        FrameDecisions decisions = tracker.processFrame(seq, detections, predictions);
        long t3 = System.nanoTime();
        // Memory encoding while building the banks is counted by memoryFeatures, not as propagation.
        timings.add(t1 - t0, t2 - banksBuilt, t3 - t2);

        SortedSet<Long> referenced = tracker.referencedFrames();
        // The scene of the next frame covers that of any later one, so these are all the scene needs.
        SortedSet<Long> scene = models.tracker().sceneFrames(seq + 1);
        if (referenced.contains(seq) || scene.contains(seq)) {
            store.put(seq, encoded);
        }
        for (long s : stored) {
            if (!referenced.contains(s) && !scene.contains(s)) {
                store.remove(s);
            }
        }
        cache.retain(referenced, Set.copyOf(tracker.liveMaskletIds()));
        return decisions;
    }

    private MemoryBankInput memoryBank(
            int maskletId, long seq, MemorySelection selection, StreamCache cache, FrameStore store, Set<Long> stored)
            throws Exception {
        List<MemoryFeatures> conditioning = new ArrayList<>();
        for (MemoryFrame e : selection.conditioning()) {
            conditioning.add(memoryFeatures(maskletId, e.seq(), e.mask(), cache, store));
        }
        List<MemoryFeatures> recent = new ArrayList<>();
        for (MemoryFrame e : selection.recent()) {
            // A recent frame whose bytes were let go (it had left every memory bank) is skipped
            // rather than failing the stream; conditioning frames are always kept. The test is on
            // durable state only, so a restored run decides exactly as an uninterrupted one.
            if (stored.contains(e.seq())) {
                recent.add(memoryFeatures(maskletId, e.seq(), e.mask(), cache, store));
            }
        }
        // Object pointers of the pointer frames whose mask is not empty (an empty mask has no object),
        // recomputed like memory features from the stored frame and mask; with their age in frames.
        List<float[]> pointers = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (MemoryFrame e : selection.pointers()) {
            if (e.mask().area() == 0 || !stored.contains(e.seq())) {
                continue;
            }
            float[] p = objectPointer(maskletId, e.seq(), e.mask(), cache, store);
            if (p == null) {
                continue; // a sliver of a mask, or a tracker without pointer output
            }
            pointers.add(p);
            offsets.add((int) Math.min(Integer.MAX_VALUE, seq - e.seq()));
        }
        return new MemoryBankInput(maskletId, conditioning, recent, pointers, offsets, selection.prompted());
    }

    private float[] objectPointer(int maskletId, long seq, Rle mask, StreamCache cache, FrameStore store)
            throws Exception {
        MemoryKey key = new MemoryKey(maskletId, seq);
        CachedPointer hit = cache.pointers.get(key);
        if (hit != null && hit.mask.equals(mask)) {
            return hit.pointer;
        }
        long t0 = System.nanoTime();
        float[] pointer = models.tracker().objectPointer(frameFeatures(maskletId, seq, cache, store), mask.decode());
        timings.addMemory(System.nanoTime() - t0);
        cache.pointers.put(key, new CachedPointer(mask, pointer));
        return pointer;
    }

    private FrameFeatures frameFeatures(int maskletId, long seq, StreamCache cache, FrameStore store) throws Exception {
        FrameFeatures frame = cache.frames.get(seq);
        if (frame == null) {
            EncodedFrame stored = store.get(seq);
            if (stored == null) {
                throw new IllegalStateException("memory of masklet " + maskletId + " refers to frame " + seq
                        + " whose bytes are not in state");
            }
            long t0 = System.nanoTime();
            frame = models.tracker().encodeFrame(FrameDecoder.decode(stored));
            timings.addEncode(System.nanoTime() - t0);
            cache.putFrame(seq, frame);
        }
        return frame;
    }

    private MemoryFeatures memoryFeatures(int maskletId, long seq, Rle mask, StreamCache cache, FrameStore store)
            throws Exception {
        MemoryKey key = new MemoryKey(maskletId, seq);
        CachedMemory hit = cache.memory.get(key);
        if (hit != null && hit.mask.equals(mask)) {
            return hit.features;
        }
        FrameFeatures frame = frameFeatures(maskletId, seq, cache, store);
        long t0 = System.nanoTime();
        MemoryFeatures features = models.tracker().encodeMemory(frame, mask.decode());
        timings.addMemory(System.nanoTime() - t0);
        cache.memory.put(key, new CachedMemory(mask, features));
        return features;
    }

    /**
     * Keeps frame {@code seq}'s bytes when the tracker's memory refers to it after {@link #process}
     * (a prompt on that frame made it a conditioning frame).
     */
    public void keepReferencedFrame(StreamTracker tracker, long seq, EncodedFrame encoded, FrameStore store)
            throws Exception {
        if (tracker.referencedFrames().contains(seq) && !store.seqs().contains(seq)) {
            store.put(seq, encoded);
        }
    }

    /**
     * The detections of {@code concepts} on a frame as the rules see them: the detector's, de-duplicated
     * ({@link DetectionNms}), with masks as the tracker cuts them.
     */
    public List<Detection> detect(RgbImage image, FrameFeatures features, List<String> concepts) {
        return detect(image, features, concepts, Map.of());
    }

    /** As {@link #detect(RgbImage, FrameFeatures, List)}, with the stream's image exemplars per concept. */
    public List<Detection> detect(RgbImage image, FrameFeatures features, List<String> concepts,
            Map<String, List<Exemplar>> exemplars) {
        List<ConceptEmbedding> embeddings = new ArrayList<>(concepts.size());
        for (String c : concepts) {
            embeddings.add(concept(c));
        }
        List<Detection> found = exemplars.isEmpty() ? models.detector().detect(image, embeddings)
                : models.detector().detect(image, embeddings, exemplars);
        return models.tracker().cutDetectionMasks(features, DetectionNms.apply(found));
    }

    /** The mask a user's box prompt selects on a frame. */
    public Mask segmentFromBox(FrameFeatures features, Box box) {
        return models.tracker().segmentFromBox(features, box);
    }

    /** The mask a user's point prompts select on a frame. */
    public Mask segmentFromPoints(FrameFeatures features, List<PromptPoint> points) {
        List<float[]> xy = new ArrayList<>(points.size());
        List<Boolean> positive = new ArrayList<>(points.size());
        for (PromptPoint p : points) {
            xy.add(new float[] {(float) p.x(), (float) p.y()});
            positive.add(p.positive());
        }
        return models.tracker().segmentFromPoints(features, xy, positive);
    }

    /** What the kit says a mask is cut from, or null. */
    public String maskSource(Mask mask) {
        return models.tracker().maskSource(mask);
    }

    /** Drops everything cached for a stream (end of stream, epoch change, idle close). */
    public void forget(String streamId) {
        caches.remove(streamId);
    }

    private StreamCache cache(String streamId) {
        return caches.computeIfAbsent(streamId, k -> new StreamCache());
    }

    private record PrefetchKey(String streamId, long seq, List<String> concepts) {}

    private record Prefetched(RgbImage image, List<Detection> detections) {}

    private record MemoryKey(int maskletId, long seq) {}

    private record CachedMemory(Rle mask, MemoryFeatures features) {}

    private record CachedPointer(Rle mask, float[] pointer) {}

    /** Transient model tensors of one stream. */
    private static final class StreamCache {
        final LinkedHashMap<Long, FrameFeatures> frames = new LinkedHashMap<>();
        final Map<MemoryKey, CachedMemory> memory = new HashMap<>();
        final Map<MemoryKey, CachedPointer> pointers = new HashMap<>();
        /** Features of the frames the tracker models the scene from (see TrackerRole#sceneFrames). */
        final Map<Long, FrameFeatures> scene = new HashMap<>();

        void putFrame(long seq, FrameFeatures f) {
            frames.put(seq, f);
            while (frames.size() > FRAME_FEATURES_KEPT) {
                frames.remove(frames.keySet().iterator().next());
            }
        }

        void retain(Set<Long> referencedFrames, Set<Integer> liveMasklets) {
            memory.keySet().removeIf(k -> !liveMasklets.contains(k.maskletId()) || !referencedFrames.contains(k.seq()));
            pointers.keySet().removeIf(k -> !liveMasklets.contains(k.maskletId()) || !referencedFrames.contains(k.seq()));
        }
    }
}
