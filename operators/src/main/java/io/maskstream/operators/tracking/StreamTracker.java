package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import io.maskstream.state.tracking.EndNotice;
import io.maskstream.state.tracking.MaskletEvent;
import io.maskstream.state.tracking.MaskletPrediction;
import io.maskstream.state.tracking.MaskletState;
import io.maskstream.state.tracking.MemoryFrame;
import io.maskstream.state.tracking.PendingFrame;
import io.maskstream.state.tracking.PendingObject;
import io.maskstream.state.tracking.StreamTrackerState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One stream's masklets and the SAM 3 rules that keep them: per frame it takes the frame's
 * detections (after {@link DetectionNms}) and the tracker model's prediction for every live
 * masklet, and returns explicit {@link FrameDecisions}. Plain deterministic Java: no Flink runtime,
 * no model; iteration is always by ascending masklet id or detection index.
 *
 * <h2>Order of one frame τ</h2>
 * Each step is a method named for its rule; what differs between the presets is in
 * {@link PresetRules}.
 * <ol>
 *   <li>Association ({@link Association#of}): drop detections scoring below
 *       {@code detection-score-threshold}; compute the mask IoU of every (detection, prediction)
 *       pair of the same concept (concepts are separate prompts and never interact); a pair matches
 *       per {@link PresetRules#matches} (paper: IoU &gt; {@code iou-threshold}; sam3-release: ≥).
 *   <li>Score update ({@code updateScores}, {@link PresetRules#updateScore}): paper — Δ = +1 if some
 *       detection matches, else −1, added to the lifetime MDS; sam3-release — keep-alive +1 when
 *       matched (cap), −1 when the prediction is non-empty and no detection reaches
 *       {@code unmatched-iou-threshold} (floor; a prediction between the two gets both), and the
 *       young masklet's unmatched-frame count. Duplicate counting ({@code countSharedDetections}):
 *       pairs of masklets that share a detection (IoU ≥ {@code iou-threshold} with both) count one
 *       frame on the later-starting one.
 *   <li>Removal ({@code removals}) of young masklets (first frame within the last T processed
 *       frames, i.e. τ − t_first ≤ T): unconfirmed ({@code isUnconfirmed}; paper: MDS &lt; V;
 *       sam3-release: ≥ {@code unmatched-min-frames} unmatched frames), then lost
 *       ({@code isLost}, any age), then duplicates ({@code duplicateOf}: ≥
 *       {@code duplicate-min-frames} shared frames with a still-live earlier masklet; the earliest
 *       such one is named).
 *   <li>Spawn ({@code newDetections}, {@code withinObjectCap}, applied by {@code spawn} after the
 *       output of the others): a detection with score ≥ {@code new-detection-threshold} matched by
 *       no masklet; beyond {@code max-objects} live masklets the lowest-scoring new detections are
 *       dropped (counted).
 *   <li>Re-prompt ({@code reprompts}), for masklets that existed before τ: each detection votes for
 *       the masklet it overlaps most; a masklet's best detection is its highest-IoU voter
 *       ({@code bestDetections}). Periodic ({@code isPeriodicReprompt}, every N-th processed frame):
 *       IoU ≥ 0.8, detection score ≥ 0.8, object score ≥ 0.8. Detection-guided
 *       ({@code isDetectionGuidedReprompt}, otherwise, every frame): the best detection matches and
 *       the box of its mask has IoU &lt; 0.85 with the box of the prediction's mask (both boxes from
 *       masks, so one pixel convention: the detector's own box may differ by a pixel, which alone
 *       would drop a small object below 0.85). A re-prompt outputs the detection's mask and writes
 *       it as a conditioning memory.
 *   <li>Suppression (output empty, kept in state): {@code overlapSuppression} (sam3-release) and
 *       {@code suppression}: paper — a confirmed masklet with lifetime MDS &lt; 0; sam3-release —
 *       keep-alive ≤ 0 (off as shipped).
 *   <li>Output of τ and memory writes ({@code output}, {@code spawn}); removal bookkeeping
 *       ({@code forgetRemoved}); confirmation ({@code confirm}); release of the frames that now
 *       have T later frames ({@code releaseConfirmed}, the confirmation delay).
 * </ol>
 *
 * <h2>Events</h2>
 * "started" on a masklet's first output frame; "confirmed" on the frame at which it has survived T
 * later frames (τ = t_first + T; with a user prompt at once); "suppressed" on the first frame of a
 * run of suppressed frames, "recovered" on the first frame after such a run; "ended" on the last
 * output frame of a masklet downstream has seen that is removed by the user, by concept removal, or
 * (unusually, with the delay off) as unconfirmed, and on every live masklet's last frame at
 * {@link #flush()}; "removed-as-duplicate" likewise for a seen masklet removed as a duplicate. A
 * masklet removed before any of its output was released vanishes from every pending frame with no
 * event — with the delay on, that is every unconfirmed or duplicate removal. When a seen masklet
 * has no pending frame left to carry its end event, the next frame carries it as an entry with an
 * empty mask.
 *
 * <h2>Memory selection (SAM 2 / SAM 3 tracker with memory selection)</h2>
 * Conditioning frames are the spawn frame, user prompts and re-prompts; the latest
 * {@code max-conditioning-frames} are kept (streaming: the closest in time are the latest). Every
 * other frame is written too; it stays in the recent memory if the prediction's effective score
 * (object score × predicted IoU) exceeds 0.01, and the immediately preceding frame is always
 * attended to (SAM 3's {@code frame_filter} always includes frame τ−1). Recent memory for the next
 * frame is the last (memory-frames − 1) = 6 of those; object pointers are the conditioning frames'
 * plus the last (max-object-pointers − 1) = 15. Older frames are forgotten.
 *
 * <h2>What facebookresearch/sam3 ships ({@code sam3/model/sam3_video_base.py}, model_builder)</h2>
 * Read, not copied. Found: detections below 0.5 dropped; {@code assoc_iou_thresh} 0.1 decides
 * whether a detection is new and which masklets a detection matches (many-to-one, ≥), a separate
 * {@code trk_assoc_iou_thresh} (default 0.5, not overridden) decides whether a non-empty masklet is
 * "unmatched"; {@code new_det_thresh} 0.7; {@code hotstart_delay} 15 frames buffered before output,
 * a masklet whose first frame is within the hotstart window is removed after ≥ 8 unmatched frames
 * or ≥ 8 frames sharing a detection with an earlier-starting masklet (removed ids are hidden from
 * every buffered frame); keep-alive starts at 30, +1 matched (cap 30), −1 unmatched (floor −1), and
 * only suppresses when {@code suppress_unmatched_only_within_hotstart} is false — it is true, so
 * keep-alive never suppresses as shipped; reconditioning every 16th frame from a detection with
 * score ≥ 0.8 and IoU ≥ 0.8 (the detection's argmax masklet) when the masklet's object score
 * exceeds 0.8 — a logit there, i.e. probability ≈ 0.69; the box-IoU reconditioning threshold is 0
 * (off); masklet confirmation off; overlap suppression at IoU ≥ 0.7: of two overlapping masklets
 * the more recently occluded (empty or suppressed) is emptied in output and memory — literally only
 * when the other was itself occluded at some point; no object cap (we keep 64).
 *
 * <p>Interpretations: the hotstart buffer yields frame f after frame f+14, so T = 14 here and
 * "within hotstart" is τ − t_first ≤ T as in the paper; unmatched and shared-frame counts only
 * matter while young, so they are kept only then; a pair counts once per frame (the release
 * appends once per shared detection) and every pair of masklets on one detection counts (the release
 * pairs each with the earliest one — the same unless three or more share detections); a
 * reconditioned masklet outputs the detection's mask; a spawned masklet's Δ on its first frame is
 * +1. User-prompted masklets are never removed or suppressed by the detector-driven rules and may
 * exceed the object cap.
 *
 * <p>One streaming extension, in neither the paper nor the release (both keep a confirmed masklet
 * forever): a masklet no detection has matched for {@code tracking.max-lost-frames} (300) frames is
 * removed as {@link RemovalReason#LOST}, so objects that left do not fill an endless stream's object
 * cap. Set it to 0 for the exact rules.
 */
public final class StreamTracker {
    private final TrackerSettings settings;
    private final PresetRules rules;

    private long lastSeq;
    private long framesProcessed;
    private long lastReleasedSeq;
    private int nextMaskletId;
    private long spawnsDroppedAtLimit;
    private final TreeMap<Integer, Track> tracks = new TreeMap<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<EndNotice> endNotices = new ArrayList<>();

    public StreamTracker(TrackerSettings settings) {
        this(settings, StreamTrackerState.initial());
    }

    private StreamTracker(TrackerSettings settings, StreamTrackerState s) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = PresetRules.of(settings);
        this.lastSeq = s.lastSeq();
        this.framesProcessed = s.framesProcessed();
        this.lastReleasedSeq = s.lastReleasedSeq();
        this.nextMaskletId = s.nextMaskletId();
        this.spawnsDroppedAtLimit = s.spawnsDroppedAtLimit();
        for (MaskletState m : s.masklets()) {
            tracks.put(m.id(), new Track(m));
        }
        for (PendingFrame f : s.pendingFrames()) {
            Pending p = new Pending(f.seq());
            for (PendingObject o : f.objects()) {
                p.objects.put(o.maskletId(), o);
            }
            pending.add(p);
        }
        endNotices.addAll(s.endNotices());
    }

    /** A tracker continuing from {@code state} (e.g. after a restore from a checkpoint). */
    public static StreamTracker restore(TrackerSettings settings, StreamTrackerState state) {
        return new StreamTracker(settings, Objects.requireNonNull(state, "state"));
    }

    public TrackerSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------
    // One frame
    // ------------------------------------------------------------------------------------------

    /**
     * Applies the rules to frame {@code seq}, one named step each, in the order of the class
     * comment.
     *
     * @param detections the frame's detections after NMS, masks at frame resolution; indices in the
     *     decisions refer to this list
     * @param predictions one per id of {@link #liveMaskletIds()} as of before this call, masks at the
     *     same resolution
     * @throws IllegalArgumentException if seq does not increase, a prediction is missing, unknown or
     *     repeated, or masks differ in size
     */
    public FrameDecisions processFrame(long seq, List<Detection> detections, List<MaskletPrediction> predictions) {
        if (seq <= lastSeq) {
            throw new IllegalArgumentException("frame seq " + seq + " is not after the last processed seq " + lastSeq);
        }
        Association frame = Association.of(seq, framesProcessed, tracks.values(), detections, predictions, settings, rules);
        updateScores(frame);
        countSharedDetections(frame);
        TreeMap<Integer, Removal> removals = removals(frame);
        List<Association.Detected> newDetections = newDetections(frame);
        List<Association.Detected> toSpawn = withinObjectCap(newDetections, frame.masklets.size() - removals.size());
        int droppedAtLimit = newDetections.size() - toSpawn.size();
        spawnsDroppedAtLimit += droppedAtLimit;
        TreeMap<Integer, Reprompt> reprompts = reprompts(frame, removals.keySet());
        Set<Integer> overlapSuppressed = overlapSuppression(frame, removals.keySet());
        TreeSet<Integer> suppressed = suppression(frame, removals.keySet(), overlapSuppressed);

        Pending out = new Pending(seq);
        List<MemoryWrite> memoryWrites = new ArrayList<>();
        output(frame, removals.keySet(), reprompts, overlapSuppressed, suppressed, out, memoryWrites);
        List<Spawn> spawns = spawn(frame, toSpawn, out, memoryWrites);
        memoryWrites.sort(Comparator.comparingInt(MemoryWrite::maskletId));
        forgetRemoved(frame, removals.values(), out);
        confirm(frame, out);
        pending.addLast(out);
        lastSeq = seq;
        framesProcessed++;
        return new FrameDecisions(seq, spawns, new ArrayList<>(reprompts.values()), new ArrayList<>(removals.values()),
                suppressed.stream().map(Suppression::new).toList(), memoryWrites, droppedAtLimit, releaseConfirmed());
    }

    /** Association and score update: the preset's score of every live masklet; matched masklets are not lost. */
    private void updateScores(Association frame) {
        for (int m = 0; m < frame.masklets.size(); m++) {
            if (frame.matched(m)) {
                frame.masklets.get(m).track().lastMatchedFrameIndex = frame.frameIndex;
            }
            rules.updateScore(frame, m);
        }
    }

    /**
     * Duplicate counting: every pair of masklets on one detection (IoU ≥ {@code iou-threshold} with
     * both) counts one frame on the later-starting one while it is young, once per frame.
     */
    private void countSharedDetections(Association frame) {
        TreeSet<Long> sharedPairs = new TreeSet<>(); // (later id, earlier id)
        List<Track> onDetection = new ArrayList<>();
        for (int d = 0; d < frame.detections.size(); d++) {
            onDetection.clear();
            for (int m = 0; m < frame.masklets.size(); m++) {
                double iou = frame.iou(d, m);
                if (iou > 0 && iou >= settings.iouThreshold()) {
                    onDetection.add(frame.masklets.get(m).track());
                }
            }
            for (int a = 0; a < onDetection.size(); a++) {
                for (int b = a + 1; b < onDetection.size(); b++) {
                    Track ta = onDetection.get(a), tb = onDetection.get(b);
                    Track earlier = ta.startsBefore(tb) ? ta : tb;
                    Track later = earlier == ta ? tb : ta;
                    if (!later.prompted && later.isYoung(frame.frameIndex, settings.confirmationDelay())) {
                        sharedPairs.add(((long) later.id << 32) | earlier.id);
                    }
                }
            }
        }
        for (long pair : sharedPairs) {
            tracks.get((int) (pair >>> 32)).duplicateCounts.merge((int) pair, 1, Integer::sum);
        }
    }

    /** Removal: unconfirmed, then lost, then duplicate masklets; prompted masklets are exempt. By masklet id. */
    private TreeMap<Integer, Removal> removals(Association frame) {
        TreeMap<Integer, Removal> removals = new TreeMap<>();
        for (Association.Predicted p : frame.masklets) {
            Track tr = p.track();
            if (settings.unconfirmedRemovalEnabled() && isUnconfirmed(tr, frame.frameIndex)) {
                removals.put(tr.id, new Removal(tr.id, RemovalReason.UNCONFIRMED, null));
            }
        }
        for (Association.Predicted p : frame.masklets) {
            Track tr = p.track();
            if (settings.maxLostFrames() > 0 && !removals.containsKey(tr.id) && isLost(tr, frame.frameIndex)) {
                removals.put(tr.id, new Removal(tr.id, RemovalReason.LOST, null));
            }
        }
        for (Association.Predicted p : frame.masklets) {
            Track tr = p.track();
            if (settings.duplicateRemovalEnabled() && !removals.containsKey(tr.id)) {
                Integer earlier = duplicateOf(tr, frame.frameIndex, removals.keySet());
                if (earlier != null) {
                    removals.put(tr.id, new Removal(tr.id, RemovalReason.DUPLICATE, earlier));
                }
            }
        }
        return removals;
    }

    /** Unconfirmed removal: a young, detector-started masklet whose score ({@link PresetRules#isUnconfirmed}) fails. */
    private boolean isUnconfirmed(Track tr, long frameIndex) {
        return !tr.prompted && tr.isYoung(frameIndex, settings.confirmationDelay()) && rules.isUnconfirmed(tr);
    }

    /** Lost removal (streaming extension): no detection has matched for {@code max-lost-frames} frames. */
    private boolean isLost(Track tr, long frameIndex) {
        return !tr.prompted && frameIndex - tr.lastMatchedFrameIndex >= settings.maxLostFrames();
    }

    /**
     * Duplicate removal: the earliest still-live, not removed masklet with which young {@code tr}
     * shared a detection on at least {@code duplicate-min-frames} frames, or null.
     */
    private Integer duplicateOf(Track tr, long frameIndex, Set<Integer> removed) {
        if (tr.prompted || !tr.isYoung(frameIndex, settings.confirmationDelay())) {
            return null;
        }
        for (Map.Entry<Integer, Integer> e : tr.duplicateCounts.entrySet()) {
            int earlier = e.getKey();
            if (e.getValue() >= settings.duplicateMinFrames() && tracks.containsKey(earlier) && !removed.contains(earlier)) {
                return earlier;
            }
        }
        return null;
    }

    /** Spawn: detections scoring at least {@code new-detection-threshold} that match no masklet, ascending index. */
    private List<Association.Detected> newDetections(Association frame) {
        List<Association.Detected> out = new ArrayList<>();
        for (int d = 0; d < frame.detections.size(); d++) {
            Association.Detected det = frame.detections.get(d);
            if (det.detection().score() >= settings.newDetectionThreshold() && !frame.matchedByAny(d)) {
                out.add(det);
            }
        }
        return out;
    }

    /** Spawn: of {@code candidates}, the highest-scoring that fit under {@code max-objects} beside {@code staying} masklets. */
    private List<Association.Detected> withinObjectCap(List<Association.Detected> candidates, int staying) {
        int room = Math.max(0, settings.maxObjects() - staying);
        if (candidates.size() <= room) {
            return candidates;
        }
        List<Association.Detected> kept = new ArrayList<>(candidates);
        kept.sort(Comparator.<Association.Detected>comparingDouble(d -> -d.detection().score())
                .thenComparingInt(Association.Detected::index));
        kept = new ArrayList<>(kept.subList(0, room));
        kept.sort(Comparator.comparingInt(Association.Detected::index));
        return kept;
    }

    /**
     * Re-prompt, for masklets that existed before τ and stay: each detection votes for the masklet it
     * overlaps most; a masklet's best detection is its highest-IoU voter. Periodic first, else
     * detection-guided. By masklet id.
     */
    private TreeMap<Integer, Reprompt> reprompts(Association frame, Set<Integer> removed) {
        int[] bestDetection = bestDetections(frame);
        boolean periodicFrame = frame.frameIndex % settings.repromptPeriod() == 0;
        TreeMap<Integer, Reprompt> out = new TreeMap<>();
        for (int m = 0; m < frame.masklets.size(); m++) {
            int d = bestDetection[m];
            int id = frame.masklets.get(m).track().id;
            if (d < 0 || removed.contains(id)) {
                continue;
            }
            int index = frame.detections.get(d).index();
            if (settings.periodicRepromptEnabled() && periodicFrame && isPeriodicReprompt(frame, d, m)) {
                out.put(id, new Reprompt(id, index, RepromptReason.PERIODIC));
            } else if (settings.detectionGuidedRepromptEnabled() && isDetectionGuidedReprompt(frame, d, m)) {
                out.put(id, new Reprompt(id, index, RepromptReason.DETECTION_GUIDED));
            }
        }
        return out;
    }

    /** Per masklet, the detection that overlaps it most among those that overlap it more than any other masklet, or −1. */
    private static int[] bestDetections(Association frame) {
        int[] best = new int[frame.masklets.size()];
        Arrays.fill(best, -1);
        for (int d = 0; d < frame.detections.size(); d++) {
            int argmax = -1;
            for (int m = 0; m < frame.masklets.size(); m++) {
                if (frame.iou(d, m) > 0 && (argmax < 0 || frame.iou(d, m) > frame.iou(d, argmax))) {
                    argmax = m;
                }
            }
            if (argmax >= 0 && (best[argmax] < 0 || frame.iou(d, argmax) > frame.iou(best[argmax], argmax))) {
                best[argmax] = d;
            }
        }
        return best;
    }

    /** Periodic re-prompt: IoU, detection score and the prediction's object score all high enough. */
    private boolean isPeriodicReprompt(Association frame, int d, int m) {
        return frame.iou(d, m) >= settings.repromptIouThreshold()
                && frame.detections.get(d).detection().score() >= settings.repromptDetectionScore()
                && frame.masklets.get(m).prediction().objectScore() >= settings.repromptMaskletScore();
    }

    /** Detection-guided re-prompt: the detection matches but the boxes of the two masks disagree. */
    private boolean isDetectionGuidedReprompt(Association frame, int d, int m) {
        MaskGeometry predicted = frame.masklets.get(m).geometry();
        return rules.matches(frame.iou(d, m)) && !predicted.isEmpty()
                && frame.detections.get(d).geometry().box().iou(predicted.box()) < settings.detectionGuidedBoxIou();
    }

    /**
     * Overlap suppression: of two staying predictions of one concept with IoU ≥
     * {@code overlap-suppression-iou}, the more recently occluded one, if both were occluded before.
     */
    private Set<Integer> overlapSuppression(Association frame, Set<Integer> removed) {
        Set<Integer> out = new HashSet<>();
        if (!settings.overlapSuppressionEnabled()) {
            return out;
        }
        for (int i = 0; i < frame.masklets.size(); i++) {
            for (int j = i + 1; j < frame.masklets.size(); j++) {
                Association.Predicted pi = frame.masklets.get(i), pj = frame.masklets.get(j);
                Track ti = pi.track(), tj = pj.track();
                if (removed.contains(ti.id) || removed.contains(tj.id) || !ti.concept.equals(tj.concept)) {
                    continue;
                }
                double pairIou = pi.geometry().iou(pj.geometry());
                if (pairIou <= 0 || pairIou < settings.overlapSuppressionIou()) {
                    continue;
                }
                long li = ti.lastOccludedFrameIndex, lj = tj.lastOccludedFrameIndex;
                if (li > lj && lj > -1) {
                    out.add(ti.id);
                }
                if (lj > li && li > -1) {
                    out.add(tj.id);
                }
            }
        }
        return out;
    }

    /**
     * Suppression: the staying masklets emitted empty on τ — overlap-suppressed, or detector-started
     * with a score that says lost ({@link PresetRules#isSuppressedByScore}). Notes occlusions for
     * the next frames' overlap suppression.
     */
    private TreeSet<Integer> suppression(Association frame, Set<Integer> removed, Set<Integer> overlapSuppressed) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Association.Predicted p : frame.masklets) {
            Track tr = p.track();
            if (removed.contains(tr.id)) {
                continue;
            }
            if (p.geometry().isEmpty() || overlapSuppressed.contains(tr.id)) {
                tr.lastOccludedFrameIndex = frame.frameIndex;
            }
            boolean confirmed = tr.confirmed || frame.frameIndex - tr.firstFrameIndex >= settings.confirmationDelay();
            if (overlapSuppressed.contains(tr.id)
                    || settings.suppressionEnabled() && !tr.prompted && rules.isSuppressedByScore(tr, confirmed)) {
                out.add(tr.id);
            }
        }
        return out;
    }

    /**
     * Output of the staying masklets on τ: a re-prompted one outputs the detection's mask and score,
     * the others the prediction's. A suppressed masklet outputs an empty mask; entering or leaving
     * suppression is an event.
     */
    private void output(Association frame, Set<Integer> removed, Map<Integer, Reprompt> reprompts,
                        Set<Integer> overlapSuppressed, Set<Integer> suppressed, Pending out, List<MemoryWrite> memoryWrites) {
        Rle emptyRle = frame.emptyMask().toRle();
        for (Association.Predicted p : frame.masklets) {
            Track tr = p.track();
            if (removed.contains(tr.id)) {
                continue;
            }
            Reprompt reprompt = reprompts.get(tr.id);
            Association.Detected det = reprompt == null ? null : frame.detected(reprompt.detectionIndex());
            writeMemory(frame, p, det, overlapSuppressed.contains(tr.id), memoryWrites);
            Rle mask = det != null ? det.geometry().rle : p.geometry().rle;
            float score = det != null ? det.detection().score() : p.prediction().objectScore();
            boolean isSuppressed = suppressed.contains(tr.id);
            int events = 0;
            if (isSuppressed && !tr.suppressed) {
                events |= MaskletEvent.SUPPRESSED.bit();
            } else if (!isSuppressed && tr.suppressed) {
                events |= MaskletEvent.RECOVERED.bit();
            }
            tr.suppressed = isSuppressed;
            out.objects.put(tr.id, new PendingObject(tr.id, tr.concept, score, isSuppressed ? emptyRle : mask, events));
        }
    }

    /**
     * Memory write of a staying masklet on τ: the re-prompting detection's mask as a conditioning
     * frame, else the prediction (empty when overlap-suppressed), admitted to recent memory when its
     * effective score exceeds {@code memory-score-threshold}.
     */
    private void writeMemory(Association frame, Association.Predicted p, Association.Detected reprompt,
                             boolean overlapSuppressed, List<MemoryWrite> memoryWrites) {
        Track tr = p.track();
        if (reprompt != null) {
            tr.remember(new MemoryFrame(frame.seq, reprompt.geometry().rle), true, true, settings);
            memoryWrites.add(new MemoryWrite(tr.id, frame.seq, true, reprompt.detection().mask()));
        } else {
            Mask mask = overlapSuppressed ? frame.emptyMask() : p.prediction().mask();
            Rle rle = overlapSuppressed ? mask.toRle() : p.geometry().rle;
            boolean admitted = p.prediction().effectiveScore() > settings.memoryScoreThreshold();
            tr.remember(new MemoryFrame(frame.seq, rle), false, admitted, settings);
            memoryWrites.add(new MemoryWrite(tr.id, frame.seq, false, mask));
        }
    }

    /** Spawn: a new masklet per detection in {@code toSpawn}, its mask the first conditioning frame and output. */
    private List<Spawn> spawn(Association frame, List<Association.Detected> toSpawn, Pending out,
                              List<MemoryWrite> memoryWrites) {
        List<Spawn> spawns = new ArrayList<>();
        for (Association.Detected det : toSpawn) {
            Detection d = det.detection();
            Track tr = new Track(nextMaskletId++, d.concept(), frame.seq, frame.frameIndex, false, settings.keepAliveInitial());
            tracks.put(tr.id, tr);
            spawns.add(new Spawn(tr.id, det.index(), tr.concept));
            tr.remember(new MemoryFrame(frame.seq, det.geometry().rle), true, true, settings);
            memoryWrites.add(new MemoryWrite(tr.id, frame.seq, true, d.mask()));
            out.objects.put(tr.id, new PendingObject(tr.id, tr.concept, d.score(), det.geometry().rle, 0));
        }
        return spawns;
    }

    /** Removal applied: the removed masklets leave state; τ carries the end notices that no pending frame could. */
    private void forgetRemoved(Association frame, Collection<Removal> removals, Pending out) {
        for (Removal r : removals) {
            MaskletEvent end = r.reason() == RemovalReason.DUPLICATE ? MaskletEvent.REMOVED_AS_DUPLICATE : MaskletEvent.ENDED;
            forget(tracks.get(r.maskletId()), end);
        }
        Rle emptyRle = endNotices.isEmpty() ? null : frame.emptyMask().toRle();
        for (EndNotice n : endNotices) {
            out.objects.put(n.maskletId(), new PendingObject(n.maskletId(), n.concept(), 0f, emptyRle, n.event().bit()));
        }
        endNotices.clear();
    }

    /**
     * Confirmation: a masklet that has survived T frames since its first is confirmed (its removal
     * counts end); a masklet's first output is "started".
     */
    private void confirm(Association frame, Pending out) {
        for (Track tr : tracks.values()) {
            PendingObject o = out.objects.get(tr.id);
            if (o == null) {
                continue;
            }
            if (!tr.confirmed && frame.frameIndex - tr.firstFrameIndex >= settings.confirmationDelay()) {
                tr.confirmed = true;
                tr.duplicateCounts.clear();
                tr.unmatchedFrames = 0;
                o = o.withEvent(MaskletEvent.CONFIRMED);
            }
            if (tr.firstOutputSeq < 0) {
                tr.firstOutputSeq = frame.seq;
                o = o.withEvent(MaskletEvent.STARTED);
                if (tr.confirmed) {
                    o = o.withEvent(MaskletEvent.CONFIRMED);
                }
            }
            out.objects.put(tr.id, o);
        }
    }

    /** Confirmation delay: the pending frames that now have T later frames, ascending seq. */
    private List<OutputFrame> releaseConfirmed() {
        List<OutputFrame> released = new ArrayList<>();
        while (pending.size() > settings.releaseDelay()) {
            released.add(release(pending.pollFirst()));
        }
        return released;
    }

    // ------------------------------------------------------------------------------------------
    // Commands between frames
    // ------------------------------------------------------------------------------------------

    /**
     * Adds a masklet from a user prompt (a box or points that the model turned into {@code mask} on
     * frame {@code seq}, which must be the last processed frame). It is a conditioning frame, the
     * masklet is confirmed at once and exempt from the detector-driven removal and suppression
     * rules, and it may exceed the object cap. From the next frame on it needs a prediction.
     *
     * @return its id
     */
    public int addPromptedMasklet(long seq, Mask mask, String concept) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(concept, "concept");
        requireLastProcessed(seq);
        Track tr = new Track(nextMaskletId++, concept, seq, framesProcessed - 1, true, settings.keepAliveInitial());
        tr.confirmed = true;
        Rle rle = mask.toRle();
        tr.remember(new MemoryFrame(seq, rle), true, true, settings);
        tracks.put(tr.id, tr);
        Pending last = pending.peekLast();
        if (last != null && last.seq == seq) {
            tr.firstOutputSeq = seq;
            last.objects.put(tr.id, new PendingObject(tr.id, concept, 1f, rle,
                    MaskletEvent.STARTED.bit() | MaskletEvent.CONFIRMED.bit()));
        }
        return tr.id;
    }

    /**
     * Refines a live masklet with a user prompt (a box or points that the model turned into
     * {@code mask} on frame {@code seq}, which must be the last processed frame): the mask replaces
     * the masklet's output of that frame while the frame is pending and its memory of that frame,
     * as a conditioning frame. The masklet keeps its id and concept, is confirmed, and from now on is
     * exempt from the detector-driven removal and suppression rules, like a prompted masklet. With
     * the confirmation delay off, frame {@code seq} has already been released and the refinement
     * shows from the next frame on.
     *
     * @throws IllegalArgumentException if seq is not the last processed frame or the masklet is not live
     */
    public void refineMasklet(int maskletId, long seq, Mask mask) {
        Objects.requireNonNull(mask, "mask");
        requireLastProcessed(seq);
        Track tr = tracks.get(maskletId);
        if (tr == null) {
            throw new IllegalArgumentException("masklet " + maskletId + " is not live");
        }
        Rle rle = mask.toRle();
        tr.recent.removeIf(f -> f.seq() == seq);
        tr.conditioning.removeIf(f -> f.seq() == seq);
        tr.remember(new MemoryFrame(seq, rle), true, true, settings);
        tr.prompted = true;
        Pending last = pending.peekLast();
        if (last != null && last.seq == seq) {
            PendingObject before = last.objects.get(maskletId);
            int events = before == null ? 0 : before.events();
            if (tr.suppressed) {
                // visible again: a run of suppressed frames that started here did not happen, an older one ends
                events = (events & MaskletEvent.SUPPRESSED.bit()) != 0
                        ? events & ~MaskletEvent.SUPPRESSED.bit()
                        : events | MaskletEvent.RECOVERED.bit();
                tr.suppressed = false;
            }
            if (!tr.confirmed) {
                events |= MaskletEvent.CONFIRMED.bit();
            }
            last.objects.put(maskletId, new PendingObject(maskletId, tr.concept, 1f, rle, events));
        }
        tr.confirmed = true;
        tr.duplicateCounts.clear();
        tr.unmatchedFrames = 0;
    }

    private void requireLastProcessed(long seq) {
        if (lastSeq < 0 || seq != lastSeq) {
            throw new IllegalArgumentException(
                    "a prompt must refer to the last processed frame " + lastSeq + ", got seq " + seq);
        }
    }

    /** Removes a masklet (user command); unknown ids are ignored. */
    public void removeMasklet(int maskletId) {
        Track tr = tracks.get(maskletId);
        if (tr != null) {
            forget(tr, MaskletEvent.ENDED);
        }
    }

    /** Removes every masklet of {@code concept}. */
    public void removeConcept(String concept) {
        for (Track tr : new ArrayList<>(tracks.values())) {
            if (tr.concept.equals(concept)) {
                forget(tr, MaskletEvent.ENDED);
            }
        }
    }

    /**
     * End of stream: every pending frame, in seq order, with "ended" on each live masklet's last
     * frame. Afterwards the tracker holds no masklets (ids continue).
     */
    public List<OutputFrame> flush() {
        for (Track tr : new ArrayList<>(tracks.values())) {
            markLastPending(tr.id, MaskletEvent.ENDED);
            tracks.remove(tr.id);
        }
        Pending last = pending.peekLast();
        if (last != null) {
            for (EndNotice n : endNotices) {
                last.objects.putIfAbsent(n.maskletId(), new PendingObject(n.maskletId(), n.concept(), 0f,
                        emptyRleLike(last), n.event().bit()));
            }
        }
        endNotices.clear();
        List<OutputFrame> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            out.add(release(pending.pollFirst()));
        }
        return out;
    }

    private static Rle emptyRleLike(Pending p) {
        for (PendingObject o : p.objects.values()) {
            return Rle.ofCounts(o.mask().height(), o.mask().width(), new int[] {o.mask().height() * o.mask().width()});
        }
        return Rle.ofCounts(0, 0, new int[] {0});
    }

    /**
     * Drops a masklet from state. If downstream has seen it, its last pending frame (or, if none,
     * the next frame) carries {@code end}; otherwise it vanishes from every pending frame.
     */
    private void forget(Track tr, MaskletEvent end) {
        tracks.remove(tr.id);
        for (Track other : tracks.values()) {
            other.duplicateCounts.remove(tr.id);
        }
        boolean seen = tr.firstOutputSeq >= 0 && tr.firstOutputSeq <= lastReleasedSeq;
        if (seen) {
            if (!markLastPending(tr.id, end)) {
                endNotices.add(new EndNotice(tr.id, tr.concept, end));
                endNotices.sort(Comparator.comparingInt(EndNotice::maskletId));
            }
        } else {
            for (Pending p : pending) {
                p.objects.remove(tr.id);
            }
        }
    }

    private boolean markLastPending(int id, MaskletEvent e) {
        Iterator<Pending> it = pending.descendingIterator();
        while (it.hasNext()) {
            Pending p = it.next();
            PendingObject o = p.objects.get(id);
            if (o != null) {
                p.objects.put(id, o.withEvent(e));
                return true;
            }
        }
        return false;
    }

    private OutputFrame release(Pending p) {
        lastReleasedSeq = p.seq;
        List<OutputObject> objects = new ArrayList<>(p.objects.size());
        for (PendingObject o : p.objects.values()) {
            MaskGeometry g = MaskGeometry.of(o.mask());
            objects.add(new OutputObject(o.maskletId(), o.concept(), o.score(), g.box(), o.mask().decode(),
                    o.eventLabels()));
        }
        return new OutputFrame(p.seq, objects);
    }

    // ------------------------------------------------------------------------------------------
    // Queries
    // ------------------------------------------------------------------------------------------

    /** Ids of the live masklets, ascending: the ones the next frame needs predictions for. */
    public List<Integer> liveMaskletIds() {
        return List.copyOf(tracks.keySet());
    }

    /** Which memory frames masklet {@code maskletId} attends to on the next frame. */
    public MemorySelection memorySelection(int maskletId) {
        Track tr = tracks.get(maskletId);
        if (tr == null) {
            throw new IllegalArgumentException("masklet " + maskletId + " is not live");
        }
        List<MemoryFrame> valid = new ArrayList<>(tr.recent);
        if (tr.previousFrame != null) {
            valid.add(tr.previousFrame);
        }
        List<MemoryFrame> recent = tail(valid, settings.memoryFrames() - 1);
        List<MemoryFrame> pointers = new ArrayList<>(tr.conditioning);
        pointers.addAll(tail(valid, settings.maxObjectPointers() - 1));
        return new MemorySelection(maskletId, tr.conditioning, recent, pointers, tr.prompted);
    }

    private static List<MemoryFrame> tail(List<MemoryFrame> l, int n) {
        return n <= 0 ? List.of() : l.subList(Math.max(0, l.size() - n), l.size());
    }

    /**
     * Seqs of every frame that some live masklet can attend to from now on: its conditioning frames,
     * the last {@code memory-frames − 1} of its recent memory and its previous frame. These are the
     * frames whose bytes must be kept; nothing else can come back into attention, because recent
     * memory only grows at its end (a re-prompt drops the previous frame, which brings back at most
     * the oldest of those last {@code memory-frames − 1}). The rest of the pointer tail is not kept:
     * keeping it pinned up to {@code max-object-pointers − 1} frames more per masklet, each a whole
     * encoded image, and masklets whose object has left hold theirs until {@code max-lost-frames}.
     * Object pointers are recomputed only from frames kept here (StreamProcessor skips the others on a
     * durable-state test, so a restored run takes the same pointers); the conditioning frames and
     * the recent tail still give a lost masklet its pointers. At most {@link #storedFramesBound()} seqs.
     */
    public SortedSet<Long> referencedFrames() {
        TreeSet<Long> out = new TreeSet<>();
        for (Track tr : tracks.values()) {
            tr.conditioning.forEach(f -> out.add(f.seq()));
            tail(tr.recent, settings.memoryFrames() - 1).forEach(f -> out.add(f.seq()));
            if (tr.previousFrame != null) {
                out.add(tr.previousFrame.seq());
            }
        }
        return out;
    }

    /**
     * The most frames {@link #referencedFrames()} can name with the live masklets: per masklet
     * {@code max-conditioning-frames + memory-frames} (conditioning, the recent tail, the previous
     * frame). The stored frame bytes, which dominate a stream's durable state, are bounded by this.
     */
    public int storedFramesBound() {
        return tracks.size() * (settings.maxConditioningFrames() + settings.memoryFrames());
    }

    /** An immutable snapshot of the whole state. */
    public StreamTrackerState state() {
        List<MaskletState> masklets = new ArrayList<>(tracks.size());
        for (Track tr : tracks.values()) {
            masklets.add(tr.toState());
        }
        List<PendingFrame> frames = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            frames.add(new PendingFrame(p.seq, new ArrayList<>(p.objects.values())));
        }
        return new StreamTrackerState(lastSeq, framesProcessed, lastReleasedSeq, nextMaskletId, spawnsDroppedAtLimit,
                masklets, frames, endNotices);
    }

    // ------------------------------------------------------------------------------------------
    // Working state
    // ------------------------------------------------------------------------------------------

    private static final class Pending {
        final long seq;
        final TreeMap<Integer, PendingObject> objects = new TreeMap<>();

        Pending(long seq) {
            this.seq = seq;
        }
    }
}
