package io.maskstream.operators.tracking;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.geometry.Rle;
import io.maskstream.state.tracking.DuplicateCount;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <ol>
 *   <li>Drop detections scoring below {@code detection-score-threshold}; compute the mask IoU of
 *       every (detection, prediction) pair of the same concept (concepts are separate prompts and
 *       never interact).
 *   <li>Update scores: paper — Δ = +1 if some detection has IoU &gt; {@code iou-threshold}, else −1,
 *       added to the lifetime MDS; sam3-release — keep-alive +1 when matched at IoU ≥
 *       {@code iou-threshold} (cap), −1 when the prediction is non-empty and no detection reaches
 *       {@code unmatched-iou-threshold} (floor; a prediction between the two gets both), and the
 *       young masklet's unmatched-frame count. Pairs of masklets that share a detection (IoU ≥
 *       {@code iou-threshold} with both) count one frame on the later-starting one.
 *   <li>Removals of young masklets (first frame within the last T processed frames, i.e. τ −
 *       t_first ≤ T): unconfirmed (paper: MDS &lt; V; sam3-release: ≥ {@code unmatched-min-frames}
 *       unmatched frames), then duplicates (≥ {@code duplicate-min-frames} shared frames with a
 *       still-live earlier masklet; the earliest such one is named).
 *   <li>Spawns: a detection with score ≥ {@code new-detection-threshold} matched by no masklet;
 *       beyond {@code max-objects} live masklets the lowest-scoring new detections are dropped
 *       (counted).
 *   <li>Re-prompts, for masklets that existed before τ: each detection votes for the masklet it
 *       overlaps most; a masklet's best detection is its highest-IoU voter. Periodic (every N-th
 *       processed frame): IoU ≥ 0.8, detection score ≥ 0.8, object score ≥ 0.8. Detection-guided
 *       (otherwise, every frame): the best detection matches and the box of its mask has IoU &lt;
 *       0.85 with the box of the prediction's mask (both boxes from masks, so one pixel convention:
 *       the detector's own box may differ by a pixel, which alone would drop a small object below
 *       0.85). A re-prompt outputs the detection's mask and writes it as a conditioning
 *       memory.
 *   <li>Suppression (output empty, kept in state): paper — a confirmed masklet with lifetime MDS
 *       &lt; 0; sam3-release — keep-alive ≤ 0 (off as shipped) and overlap suppression.
 *   <li>Output of τ and memory writes; removal bookkeeping; confirmation; release of the frames
 *       that now have T later frames.
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
    private final boolean paperRules;

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
        this.paperRules = settings.preset() == TrackerPreset.PAPER;
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
     * Applies the rules to frame {@code seq}.
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
        final long frameIndex = framesProcessed;
        final int T = settings.confirmationDelay();

        // ---- inputs ----
        Map<Integer, MaskletPrediction> predById = new HashMap<>();
        for (MaskletPrediction p : predictions) {
            if (!tracks.containsKey(p.maskletId())) {
                throw new IllegalArgumentException("prediction for masklet " + p.maskletId() + ", which is not live");
            }
            if (predById.put(p.maskletId(), p) != null) {
                throw new IllegalArgumentException("two predictions for masklet " + p.maskletId());
            }
        }
        List<Track> live = new ArrayList<>(tracks.values());
        int nt = live.size();
        MaskletPrediction[] pred = new MaskletPrediction[nt];
        for (int t = 0; t < nt; t++) {
            pred[t] = predById.get(live.get(t).id);
            if (pred[t] == null) {
                throw new IllegalArgumentException("no prediction for live masklet " + live.get(t).id);
            }
        }
        int h = -1, w = -1;
        for (MaskletPrediction p : pred) {
            if (h < 0) {
                h = p.mask().height();
                w = p.mask().width();
            } else {
                checkSize(p.mask(), h, w);
            }
        }
        List<Integer> detIndex = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            if (h < 0) {
                h = d.mask().height();
                w = d.mask().width();
            } else {
                checkSize(d.mask(), h, w);
            }
            if (d.score() >= settings.detectionScoreThreshold()) {
                detIndex.add(i);
            }
        }
        int nd = detIndex.size();
        Detection[] det = new Detection[nd];
        MaskGeometry[] detGeo = new MaskGeometry[nd];
        java.util.Set<String> liveConcepts = new java.util.HashSet<>();
        for (Track tr : live) {
            liveConcepts.add(tr.concept);
        }
        for (int d = 0; d < nd; d++) {
            det[d] = detections.get(detIndex.get(d));
            // a detection that can neither spawn nor meet a masklet of its concept needs no geometry
            if (det[d].score() >= settings.newDetectionThreshold() || liveConcepts.contains(det[d].concept())) {
                detGeo[d] = MaskGeometry.of(det[d].mask());
            }
        }
        MaskGeometry[] predGeo = new MaskGeometry[nt];
        for (int t = 0; t < nt; t++) {
            predGeo[t] = MaskGeometry.of(pred[t].mask());
        }
        double[][] iou = new double[nd][nt];
        for (int d = 0; d < nd; d++) {
            for (int t = 0; t < nt; t++) {
                if (det[d].concept().equals(live.get(t).concept)) {
                    iou[d][t] = detGeo[d].iou(predGeo[t]);
                }
            }
        }

        // ---- scores ----
        boolean[] matched = new boolean[nt];
        boolean[] unmatched = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            boolean strongMatch = false;
            for (int d = 0; d < nd; d++) {
                matched[t] |= matches(iou[d][t]);
                strongMatch |= iou[d][t] > 0 && iou[d][t] >= settings.unmatchedIouThreshold();
            }
            unmatched[t] = !predGeo[t].isEmpty() && !strongMatch;
        }
        for (int t = 0; t < nt; t++) {
            Track tr = live.get(t);
            boolean young = frameIndex - tr.firstFrameIndex <= T;
            if (matched[t]) {
                tr.lastMatchedFrameIndex = frameIndex;
            }
            if (paperRules) {
                tr.mds += matched[t] ? 1 : -1;
            } else {
                if (matched[t]) {
                    tr.keepAlive = Math.min(settings.keepAliveMax(), tr.keepAlive + 1);
                }
                if (unmatched[t]) {
                    tr.keepAlive = Math.max(settings.keepAliveMin(), tr.keepAlive - 1);
                    if (young && !tr.prompted) {
                        tr.unmatchedFrames++;
                    }
                }
            }
        }
        // shared detections: one frame per (later, earlier) pair
        TreeSet<Long> sharedPairs = new TreeSet<>();
        List<Integer> onDetection = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            onDetection.clear();
            for (int t = 0; t < nt; t++) {
                if (iou[d][t] > 0 && iou[d][t] >= settings.iouThreshold()) {
                    onDetection.add(t);
                }
            }
            for (int a = 0; a < onDetection.size(); a++) {
                for (int b = a + 1; b < onDetection.size(); b++) {
                    Track ta = live.get(onDetection.get(a)), tb = live.get(onDetection.get(b));
                    Track earlier = ta.startsBefore(tb) ? ta : tb;
                    Track later = earlier == ta ? tb : ta;
                    if (!later.prompted && frameIndex - later.firstFrameIndex <= T) {
                        sharedPairs.add(((long) later.id << 32) | earlier.id);
                    }
                }
            }
        }
        for (long pair : sharedPairs) {
            tracks.get((int) (pair >>> 32)).duplicateCounts.merge((int) pair, 1, Integer::sum);
        }

        // ---- removals ----
        TreeMap<Integer, Removal> removals = new TreeMap<>();
        if (settings.unconfirmedRemovalEnabled()) {
            for (Track tr : live) {
                if (tr.prompted || frameIndex - tr.firstFrameIndex > T) {
                    continue;
                }
                boolean unconfirmed = paperRules
                        ? tr.mds < settings.unconfirmedThreshold()
                        : tr.unmatchedFrames >= settings.unmatchedMinFrames();
                if (unconfirmed) {
                    removals.put(tr.id, new Removal(tr.id, RemovalReason.UNCONFIRMED, null));
                }
            }
        }
        if (settings.maxLostFrames() > 0) {
            for (Track tr : live) {
                if (!tr.prompted && !removals.containsKey(tr.id)
                        && frameIndex - tr.lastMatchedFrameIndex >= settings.maxLostFrames()) {
                    removals.put(tr.id, new Removal(tr.id, RemovalReason.LOST, null));
                }
            }
        }
        if (settings.duplicateRemovalEnabled()) {
            for (Track tr : live) {
                if (tr.prompted || frameIndex - tr.firstFrameIndex > T || removals.containsKey(tr.id)) {
                    continue;
                }
                for (Map.Entry<Integer, Integer> e : tr.duplicateCounts.entrySet()) {
                    int earlier = e.getKey();
                    if (e.getValue() >= settings.duplicateMinFrames() && tracks.containsKey(earlier)
                            && !removals.containsKey(earlier)) {
                        removals.put(tr.id, new Removal(tr.id, RemovalReason.DUPLICATE, earlier));
                        break;
                    }
                }
            }
        }

        // ---- spawns ----
        List<Integer> newDets = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            if (det[d].score() < settings.newDetectionThreshold()) {
                continue;
            }
            boolean matchedByAny = false;
            for (int t = 0; t < nt && !matchedByAny; t++) {
                matchedByAny = matches(iou[d][t]);
            }
            if (!matchedByAny) {
                newDets.add(d);
            }
        }
        int room = Math.max(0, settings.maxObjects() - (nt - removals.size()));
        int droppedNow = 0;
        if (newDets.size() > room) {
            List<Integer> byScore = new ArrayList<>(newDets);
            byScore.sort(Comparator.<Integer>comparingDouble(d -> -det[d].score()).thenComparingInt(d -> d));
            droppedNow = newDets.size() - room;
            newDets = new ArrayList<>(byScore.subList(0, room));
            newDets.sort(null);
            spawnsDroppedAtLimit += droppedNow;
        }

        // ---- re-prompts ----
        int[] bestDet = new int[nt];
        java.util.Arrays.fill(bestDet, -1);
        for (int d = 0; d < nd; d++) {
            int argmax = -1;
            for (int t = 0; t < nt; t++) {
                if (iou[d][t] > 0 && (argmax < 0 || iou[d][t] > iou[d][argmax])) {
                    argmax = t;
                }
            }
            if (argmax >= 0 && (bestDet[argmax] < 0 || iou[d][argmax] > iou[bestDet[argmax]][argmax])) {
                bestDet[argmax] = d;
            }
        }
        boolean periodicFrame = frameIndex % settings.repromptPeriod() == 0;
        Reprompt[] reprompt = new Reprompt[nt];
        for (int t = 0; t < nt; t++) {
            int d = bestDet[t];
            if (d < 0 || removals.containsKey(live.get(t).id)) {
                continue;
            }
            if (settings.periodicRepromptEnabled() && periodicFrame
                    && iou[d][t] >= settings.repromptIouThreshold()
                    && det[d].score() >= settings.repromptDetectionScore()
                    && pred[t].objectScore() >= settings.repromptMaskletScore()) {
                reprompt[t] = new Reprompt(live.get(t).id, detIndex.get(d), RepromptReason.PERIODIC);
            } else if (settings.detectionGuidedRepromptEnabled() && matches(iou[d][t]) && !predGeo[t].isEmpty()
                    && detGeo[d].box().iou(predGeo[t].box()) < settings.detectionGuidedBoxIou()) {
                reprompt[t] = new Reprompt(live.get(t).id, detIndex.get(d), RepromptReason.DETECTION_GUIDED);
            }
        }

        // ---- suppression ----
        boolean[] overlapSuppressed = new boolean[nt];
        if (settings.overlapSuppressionEnabled()) {
            for (int i = 0; i < nt; i++) {
                for (int j = i + 1; j < nt; j++) {
                    Track ti = live.get(i), tj = live.get(j);
                    if (removals.containsKey(ti.id) || removals.containsKey(tj.id) || !ti.concept.equals(tj.concept)) {
                        continue;
                    }
                    double pairIou = predGeo[i].iou(predGeo[j]);
                    if (pairIou <= 0 || pairIou < settings.overlapSuppressionIou()) {
                        continue;
                    }
                    long li = ti.lastOccludedFrameIndex, lj = tj.lastOccludedFrameIndex;
                    if (li > lj && lj > -1) {
                        overlapSuppressed[i] = true;
                    }
                    if (lj > li && li > -1) {
                        overlapSuppressed[j] = true;
                    }
                }
            }
        }
        boolean[] suppressed = new boolean[nt];
        List<Suppression> suppressions = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            Track tr = live.get(t);
            if (removals.containsKey(tr.id)) {
                continue;
            }
            if (predGeo[t].isEmpty() || overlapSuppressed[t]) {
                tr.lastOccludedFrameIndex = frameIndex;
            }
            boolean ruleSuppressed = false;
            if (settings.suppressionEnabled() && !tr.prompted) {
                boolean confirmedNow = tr.confirmed || frameIndex - tr.firstFrameIndex >= T;
                ruleSuppressed = paperRules ? confirmedNow && tr.mds < 0 : tr.keepAlive <= 0;
            }
            suppressed[t] = overlapSuppressed[t] || ruleSuppressed;
            if (suppressed[t]) {
                suppressions.add(new Suppression(tr.id));
            }
        }

        // ---- output of τ and memory ----
        Mask emptyMask = Mask.empty(Math.max(h, 0), Math.max(w, 0));
        Rle emptyRle = emptyMask.toRle();
        Pending out = new Pending(seq);
        List<MemoryWrite> memoryWrites = new ArrayList<>();
        List<Reprompt> reprompts = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            Track tr = live.get(t);
            if (removals.containsKey(tr.id)) {
                continue;
            }
            Rle mask;
            float score;
            if (reprompt[t] != null) {
                int d = bestDet[t];
                reprompts.add(reprompt[t]);
                mask = detGeo[d].rle;
                score = det[d].score();
                tr.remember(new MemoryFrame(seq, mask), true, true, settings);
                memoryWrites.add(new MemoryWrite(tr.id, seq, true, det[d].mask()));
            } else {
                mask = predGeo[t].rle;
                score = pred[t].objectScore();
                Rle memoryMask = overlapSuppressed[t] ? emptyRle : mask;
                boolean admitted = pred[t].effectiveScore() > settings.memoryScoreThreshold();
                tr.remember(new MemoryFrame(seq, memoryMask), false, admitted, settings);
                memoryWrites.add(new MemoryWrite(tr.id, seq, false, overlapSuppressed[t] ? emptyMask : pred[t].mask()));
            }
            int events = 0;
            if (suppressed[t] && !tr.suppressed) {
                events |= MaskletEvent.SUPPRESSED.bit();
            } else if (!suppressed[t] && tr.suppressed) {
                events |= MaskletEvent.RECOVERED.bit();
            }
            tr.suppressed = suppressed[t];
            out.objects.put(tr.id, new PendingObject(tr.id, tr.concept, score, suppressed[t] ? emptyRle : mask, events));
        }
        List<Spawn> spawns = new ArrayList<>();
        for (int d : newDets) {
            Track tr = new Track(nextMaskletId++, det[d].concept(), seq, frameIndex, false, settings.keepAliveInitial());
            tracks.put(tr.id, tr);
            spawns.add(new Spawn(tr.id, detIndex.get(d), tr.concept));
            tr.remember(new MemoryFrame(seq, detGeo[d].rle), true, true, settings);
            memoryWrites.add(new MemoryWrite(tr.id, seq, true, det[d].mask()));
            out.objects.put(tr.id, new PendingObject(tr.id, tr.concept, det[d].score(), detGeo[d].rle, 0));
        }
        memoryWrites.sort(Comparator.comparingInt(MemoryWrite::maskletId));

        // ---- removal bookkeeping ----
        List<Removal> removalList = new ArrayList<>(removals.values());
        for (Removal r : removalList) {
            MaskletEvent end = r.reason() == RemovalReason.DUPLICATE ? MaskletEvent.REMOVED_AS_DUPLICATE : MaskletEvent.ENDED;
            forget(tracks.get(r.maskletId()), end);
        }
        for (EndNotice n : endNotices) {
            out.objects.put(n.maskletId(), new PendingObject(n.maskletId(), n.concept(), 0f, emptyRle, n.event().bit()));
        }
        endNotices.clear();

        // ---- confirmation, first appearance ----
        for (Track tr : tracks.values()) {
            PendingObject o = out.objects.get(tr.id);
            if (o == null) {
                continue;
            }
            if (!tr.confirmed && frameIndex - tr.firstFrameIndex >= T) {
                tr.confirmed = true;
                tr.duplicateCounts.clear();
                tr.unmatchedFrames = 0;
                o = o.withEvent(MaskletEvent.CONFIRMED);
            }
            if (tr.firstOutputSeq < 0) {
                tr.firstOutputSeq = seq;
                o = o.withEvent(MaskletEvent.STARTED);
                if (tr.confirmed) {
                    o = o.withEvent(MaskletEvent.CONFIRMED);
                }
            }
            out.objects.put(tr.id, o);
        }
        pending.addLast(out);
        lastSeq = seq;
        framesProcessed++;

        List<OutputFrame> released = new ArrayList<>();
        while (pending.size() > settings.releaseDelay()) {
            released.add(release(pending.pollFirst()));
        }
        return new FrameDecisions(seq, spawns, reprompts, removalList, suppressions, memoryWrites, droppedNow, released);
    }

    /** Matching of a detection and a prediction: paper IoU &gt; threshold, sam3-release IoU ≥ threshold. */
    private boolean matches(double iou) {
        return iou > 0 && (paperRules ? iou > settings.iouThreshold() : iou >= settings.iouThreshold());
    }

    private static void checkSize(Mask m, int h, int w) {
        if (m.height() != h || m.width() != w) {
            throw new IllegalArgumentException(
                    "mask is " + m.height() + "x" + m.width() + " but the frame's masks are " + h + "x" + w);
        }
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

    private static final class Track {
        final int id;
        final String concept;
        final long firstSeq;
        final long firstFrameIndex;
        boolean prompted;
        boolean confirmed;
        long firstOutputSeq = -1;
        boolean suppressed;
        long mds = 1;
        int keepAlive;
        long lastMatchedFrameIndex;
        int unmatchedFrames;
        long lastOccludedFrameIndex = -1;
        final TreeMap<Integer, Integer> duplicateCounts = new TreeMap<>();
        final List<MemoryFrame> conditioning = new ArrayList<>();
        final List<MemoryFrame> recent = new ArrayList<>();
        MemoryFrame previousFrame;

        Track(int id, String concept, long firstSeq, long firstFrameIndex, boolean prompted, int keepAlive) {
            this.id = id;
            this.concept = concept;
            this.firstSeq = firstSeq;
            this.firstFrameIndex = firstFrameIndex;
            this.prompted = prompted;
            this.keepAlive = keepAlive;
            this.lastMatchedFrameIndex = firstFrameIndex;
        }

        Track(MaskletState m) {
            this(m.id(), m.concept(), m.firstSeq(), m.firstFrameIndex(), m.prompted(), m.keepAlive());
            confirmed = m.confirmed();
            firstOutputSeq = m.firstOutputSeq();
            suppressed = m.suppressed();
            mds = m.mds();
            lastMatchedFrameIndex = m.lastMatchedFrameIndex();
            unmatchedFrames = m.unmatchedFrames();
            lastOccludedFrameIndex = m.lastOccludedFrameIndex();
            for (DuplicateCount d : m.duplicateCounts()) {
                duplicateCounts.put(d.earlierId(), d.frames());
            }
            conditioning.addAll(m.conditioningMemory());
            recent.addAll(m.recentMemory());
            previousFrame = m.previousFrame();
        }

        boolean startsBefore(Track o) {
            return firstFrameIndex != o.firstFrameIndex ? firstFrameIndex < o.firstFrameIndex : id < o.id;
        }

        void remember(MemoryFrame f, boolean isConditioning, boolean admitted, TrackerSettings s) {
            previousFrame = null;
            if (isConditioning) {
                conditioning.add(f);
                while (conditioning.size() > s.maxConditioningFrames()) {
                    conditioning.remove(0);
                }
            } else if (admitted) {
                recent.add(f);
                int keep = Math.max(s.memoryFrames() - 1, s.maxObjectPointers() - 1);
                while (recent.size() > keep) {
                    recent.remove(0);
                }
            } else {
                previousFrame = f;
            }
        }

        MaskletState toState() {
            List<DuplicateCount> dups = new ArrayList<>(duplicateCounts.size());
            duplicateCounts.forEach((k, v) -> dups.add(new DuplicateCount(k, v)));
            return new MaskletState(id, concept, firstSeq, firstFrameIndex, prompted, confirmed, firstOutputSeq,
                    suppressed, mds, keepAlive, lastMatchedFrameIndex, unmatchedFrames, lastOccludedFrameIndex, dups, conditioning, recent,
                    previousFrame);
        }
    }
}
