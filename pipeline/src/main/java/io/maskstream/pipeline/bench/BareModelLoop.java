package io.maskstream.pipeline.bench;

import io.maskstream.operators.inference.ConceptEmbedding;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.operators.tracking.DetectionNms;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The limit: the model calls the tracker makes per frame, in a plain Java loop over decoded frames —
 * detect every concept, encode the frame, propagate every masklet (one batched call), encode a memory
 * and an object pointer per masklet (the tracker recomputes both from frame and mask; pointers of the
 * last {@value #POINTERS} frames go into the next propagation with their ages). Masklets start from the detections of a stream's first frame that the tracker would
 * spawn from (score at least the new-detection threshold), at most one per scene object, best first
 * (the reference detector also returns a few fragments that the tracker's rules later drop), or, on real
 * video, also from later frames with more such detections; each keeps its first memory as the
 * conditioning frame and its six most recent ones. A tracker that models the scene from earlier frames
 * ({@link TrackerRole#sceneFrames}) gets their features, and cuts the detections' masks, as in the job.
 * Everything goes through the kit's roles, so the loop measures whichever kit the job runs.
 * No rules, no state, no Flink, no Kafka, no JSON.
 */
final class BareModelLoop {
    private static final int RECENT_MEMORIES = 6;
    private static final int POINTERS = 16;

    /** What a run measured so far. */
    record Result(long frames, long nanos, long modelNanos, long detectNanos, long encodeNanos, long propagateNanos,
                  long memoryNanos, int masklets, long maskletFrames, long cpuNanos) {
        /** CPU time of the looping thread per frame: unlike wall time, barely moved by other load on the machine. */
        double cpuMillisPerFrame() {
            return cpuNanos / 1e6 / frames;
        }

        double fps() {
            return frames / (nanos / 1e9);
        }

        double millisPerFrame() {
            return nanos / 1e6 / frames;
        }
    }

    private final ModelKit models;
    private final List<List<RgbImage>> streams;
    private final List<ConceptEmbedding> embeddings = new ArrayList<>();
    private final float spawnThreshold;
    private final int maxMasklets;
    private final boolean growWithDetections;
    private final List<List<MemoryFeatures>> conditioning = new ArrayList<>();
    private final List<List<List<MemoryFeatures>>> recent = new ArrayList<>();
    /** Per stream, per masklet: its object pointers, oldest first, each with the frame it came from. */
    private final List<List<List<FramePointer>>> pointers = new ArrayList<>();
    /** Per stream: the features of the earlier frames the tracker models the scene from, by frame. */
    private final List<Map<Long, FrameFeatures>> scenes = new ArrayList<>();
    private long detect, encode, propagate, memory, frames, nanos, maskletFrames, cpu;
    private int masklets;

    BareModelLoop(ModelKit models, List<List<RgbImage>> streams, List<String> concepts, float spawnThreshold,
                  int maxMasklets) {
        this(models, streams, concepts, spawnThreshold, maxMasklets, false);
    }

    /**
     * With {@code growWithDetections}, a frame with more detections above the threshold than a stream has
     * masklets adds masklets for the rest (people walking in), so that the loop keeps about as many masklets as
     * the most objects seen at once; without, only the stream's first frame with such detections spawns.
     */
    BareModelLoop(ModelKit models, List<List<RgbImage>> streams, List<String> concepts, float spawnThreshold,
                  int maxMasklets, boolean growWithDetections) {
        this.growWithDetections = growWithDetections;
        this.models = models;
        this.maxMasklets = maxMasklets;
        this.streams = streams;
        this.spawnThreshold = spawnThreshold;
        for (String c : concepts) {
            embeddings.add(models.conceptEncoder().encode(c));
        }
        for (int s = 0; s < streams.size(); s++) {
            conditioning.add(new ArrayList<>());
            recent.add(new ArrayList<>());
            pointers.add(new ArrayList<>());
            scenes.add(new HashMap<>());
        }
    }

    private record FramePointer(int frame, float[] pointer) {}

    /** Frame {@code f} of every stream, round robin (as the operator sees them). */
    void step(int f) {
        TrackerRole tracker = models.tracker();
        long cpu0 = Cpu.thread();
        long start = System.nanoTime();
        for (int s = 0; s < streams.size(); s++) {
            RgbImage image = streams.get(s).get(f);
            long t0 = System.nanoTime();
            List<Detection> detections = DetectionNms.apply(models.detector().detect(image, embeddings));
            long t1 = System.nanoTime();
            FrameFeatures features = withScene(tracker, s, f, tracker.encodeFrame(image));
            long t2 = System.nanoTime();
            detections = tracker.cutDetectionMasks(features, detections);
            long cut = System.nanoTime() - t2; // the job counts cutting the masks as detection
            t2 += cut;
            List<MemoryFeatures> cond = conditioning.get(s);
            List<List<MemoryFeatures>> rec = recent.get(s);
            List<List<FramePointer>> ptr = pointers.get(s);
            long t3 = t2;
            if (!cond.isEmpty()) {
                List<MemoryBankInput> banks = new ArrayList<>(cond.size());
                for (int m = 0; m < cond.size(); m++) {
                    List<float[]> vectors = new ArrayList<>();
                    List<Integer> ages = new ArrayList<>();
                    for (FramePointer p : ptr.get(m)) {
                        vectors.add(p.pointer());
                        ages.add(f - p.frame());
                    }
                    banks.add(new MemoryBankInput(m, List.of(cond.get(m)), rec.get(m), vectors, ages));
                }
                List<MaskletPrediction> predictions = tracker.propagate(features, banks);
                t3 = System.nanoTime();
                for (int m = 0; m < predictions.size(); m++) {
                    List<MemoryFeatures> r = rec.get(m);
                    r.add(tracker.encodeMemory(features, predictions.get(m).mask()));
                    if (r.size() > RECENT_MEMORIES) {
                        r.remove(0);
                    }
                    float[] pointer = tracker.objectPointer(features, predictions.get(m).mask());
                    if (pointer != null) {
                        List<FramePointer> p = ptr.get(m);
                        p.add(new FramePointer(f, pointer));
                        if (p.size() > POINTERS) {
                            p.remove(0);
                        }
                    }
                }
                maskletFrames += predictions.size();
            }
            if (cond.isEmpty() || growWithDetections) {
                // new masklets from the detections above the threshold beyond those the masklets stand for
                int before = cond.size();
                int spawnable = 0;
                for (Detection d : detections) {
                    if (d.score() >= spawnThreshold && spawnable++ >= before && cond.size() < maxMasklets) {
                        cond.add(tracker.encodeMemory(features, d.mask()));
                        rec.add(new ArrayList<>());
                        ptr.add(new ArrayList<>());
                    }
                }
                masklets += cond.size() - before;
            }
            long t4 = System.nanoTime();
            detect += t1 - t0 + cut;
            encode += t2 - t1;
            propagate += t3 - t2;
            memory += t4 - t3;
            frames++;
        }
        nanos += System.nanoTime() - start;
        cpu += Cpu.thread() - cpu0;
    }

    /**
     * {@code plain} completed with the scene of frame {@code f} (the tracker's default: unchanged); keeps
     * {@code plain} while a later frame's scene needs it.
     */
    private FrameFeatures withScene(TrackerRole tracker, int stream, int f, FrameFeatures plain) {
        Map<Long, FrameFeatures> scene = scenes.get(stream);
        SortedSet<Long> needed = tracker.sceneFrames(f);
        FrameFeatures out = plain;
        if (!needed.isEmpty()) {
            List<FrameFeatures> earlier = new ArrayList<>(needed.size());
            for (long seq : needed) {
                FrameFeatures e = scene.get(seq);
                if (e != null) {
                    earlier.add(e);
                }
            }
            out = tracker.withScene(plain, earlier);
        }
        SortedSet<Long> next = tracker.sceneFrames(f + 1L);
        scene.keySet().retainAll(next);
        if (next.contains((long) f)) {
            scene.put((long) f, plain);
        }
        return out;
    }

    Result result() {
        return new Result(frames, nanos, detect + encode + propagate + memory, detect, encode, propagate, memory,
                masklets, maskletFrames, cpu);
    }
}
