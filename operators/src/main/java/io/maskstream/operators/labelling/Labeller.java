package io.maskstream.operators.labelling;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.UnknownConceptException;
import io.maskstream.operators.labelling.Candidates.Candidate;
import io.maskstream.operators.labelling.Candidates.Prompt;
import io.maskstream.operators.stream.LocalStreamRunner;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.stream.StreamSession;
import io.maskstream.operators.tracking.FrameDecisions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelling a whole video from weak labels (SeSAM, arXiv 2025; GOOSE box-prompted teacher): on every
 * labelled frame each object's label is turned into prompts ({@link Candidates}), the segmenter's mask
 * for each is scored against the label ({@link CandidateChoice}) and the best prompt seeds (first
 * label) or refines (later labels) the object's masklet; the video then runs forward and backward
 * (the frames in reverse order) through a {@link StreamSession} — the job's session and rules — and the
 * two passes are merged ({@link PassMerge}). Where the two passes disagree between two labelled frames,
 * the merged masks there become labels of the next round ({@link #label} with {@code rounds} > 1).
 *
 * <p>The passes run with the labels' classes the detector knows as the stream's concepts (the detector
 * re-prompts the labelled masklets as in the job); only the labelled objects are output.
 */
public final class Labeller {
    /** Slack, in pixels, a mask may lie outside a coarse mask label without counting as spill. */
    public static final int MASK_SLACK = 3;
    /** IoU of the forward and backward masks below which the passes disagree on a frame. */
    public static final double DISAGREEMENT_IOU = 0.5;
    /** Rounds {@code label} runs at most by default: the first, and one with pseudo-labels where passes disagree. */
    public static final int DEFAULT_ROUNDS = 2;

    private final StreamProcessor processor;
    private final TrackerSettings settings;
    private final Candidates.Sampling sampling;
    /** Labels of the current round the segmenter found nothing for (one thread uses a labeller at a time). */
    private final List<String> skipped = new ArrayList<>();

    public Labeller(StreamProcessor processor, TrackerSettings settings, Candidates.Sampling sampling) {
        this.processor = processor;
        this.settings = settings;
        this.sampling = sampling;
    }

    /** The prompt chosen for one object on one labelled frame, and the mask it gave there. */
    public record Choice(int objectId, long seq, Prompt prompt, Mask mask, double score) {}

    /** Output of {@link #label}: the masklet frames (one per video frame) and the choices made. */
    public record Result(List<MaskletFrame> frames, List<LabelledObject> objects, List<Choice> choices, int roundsRun,
                         List<String> unusedLabels) {}

    /**
     * Labels the video {@code frames} (frame records in seq order, seq 0..n-1, one size) from {@code labels}.
     *
     * @param rounds at most this many rounds (≥ 1); a round runs only when the last one left disagreement
     */
    public Result label(String streamId, List<FrameRecord> frames, List<WeakLabel> labels, int rounds) throws Exception {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to label");
        }
        int width = frames.get(0).width(), height = frames.get(0).height();
        List<LabelledObject> objects = LabelledObject.group(labels, height, width);
        Map<Integer, TreeMap<Long, Mask>> merged = Map.of();
        List<Choice> choices = List.of();
        int round = 0;
        while (round < Math.max(1, rounds)) {
            round++;
            skipped.clear();
            choices = choose(streamId, frames, objects);
            Map<Integer, TreeMap<Long, Mask>> forward = pass(streamId, frames, objects, choices, false);
            Map<Integer, TreeMap<Long, Mask>> backward = pass(streamId, frames, objects, choices, true);
            merged = PassMerge.merge(objects, forward, backward, frames.size());
            if (round >= rounds) {
                break;
            }
            List<LabelledObject> next = PassMerge.pseudoLabels(objects, forward, backward, merged, DISAGREEMENT_IOU);
            if (next == null) {
                break;
            }
            objects = next;
        }
        return new Result(toFrames(streamId, frames, objects, merged), objects, choices, round, List.copyOf(skipped));
    }

    /** Probes every labelled frame (a pass without prompts) and chooses each object's prompt there. */
    List<Choice> choose(String streamId, List<FrameRecord> frames, List<LabelledObject> objects) throws Exception {
        TreeMap<Long, List<LabelledObject>> bySeq = new TreeMap<>();
        for (LabelledObject o : objects) {
            for (long s : o.labels().keySet()) {
                bySeq.computeIfAbsent(s, k -> new ArrayList<>()).add(o);
            }
        }
        List<Choice> out = new ArrayList<>();
        List<Exception> failed = new ArrayList<>();
        StreamSession.Listener probe = new Quiet() {
            @Override
            public void frameEncoded(String id, long seq, RgbImage image, FrameFeatures features) {
                List<LabelledObject> here = bySeq.get(seq);
                if (here == null) {
                    return;
                }
                try {
                    out.addAll(chooseOnFrame(seq, here, segmenter(image, features)));
                } catch (RuntimeException e) {
                    failed.add(e);
                }
            }
        };
        String id = streamId + "~probe";
        LocalStreamRunner runner = new LocalStreamRunner(id, processor, settings, List.of(), probe);
        for (FrameRecord r : frames) {
            runner.process(renumbered(r, id, r.seq()), f -> {});
        }
        runner.finish(f -> {});
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
        return out;
    }

    /** The choice for each object labelled on frame {@code seq}. */
    List<Choice> chooseOnFrame(long seq, List<LabelledObject> here, Candidates.Segmenter segmenter) {
        Map<String, List<Detection>> detections = new HashMap<>();
        List<Choice> out = new ArrayList<>();
        for (LabelledObject o : here) {
            WeakLabel label = o.labels().get(seq);
            Mask marked = o.marked().get(seq);
            int h = marked.height(), w = marked.width();
            List<Mask> otherClasses = new ArrayList<>();
            Mask otherUnion = Mask.empty(h, w);
            for (LabelledObject other : here) {
                if (!other.className().equals(o.className())) {
                    otherClasses.add(other.marked().get(seq));
                    otherUnion = otherUnion.or(other.marked().get(seq));
                }
            }
            Mask extent = LabelRegions.extent(label, h, w, MASK_SLACK);
            if (label.objectId() == null && label.kind() == WeakLabel.Kind.MASK) {
                extent = MaskMorphology.dilate(marked, MASK_SLACK);
            }
            List<PromptPoint> negatives = PointSampling.negatives(otherClasses, marked, extent, sampling.negativesPerLabel());
            List<Detection> dets = detections.computeIfAbsent(o.className(), segmenter::detections);
            List<Prompt> prompts = Candidates.prompts(label, marked, negatives, sampling, dets);
            List<Candidate> candidates = Candidates.segment(prompts, segmenter);
            CandidateChoice.Target target = new CandidateChoice.Target(label.kind(), label.box(), marked, extent,
                    LabelRegions.negative(label, h, w), otherUnion.andNot(extent == null ? marked : extent));
            int best = CandidateChoice.best(candidates.stream().map(Candidate::mask).toList(), target);
            if (best < 0) {
                // nothing to seed from this label; the object's other labels (if any) still seed it
                skipped.add(label.where() + ": the segmenter selects no pixels for any prompt of this "
                        + label.kind().field() + " on frame " + seq + "; the label is not used");
                continue;
            }
            Candidate c = candidates.get(best);
            out.add(new Choice(o.id(), seq, c.prompt(), c.mask(), CandidateChoice.score(c.mask(), target)));
        }
        return out;
    }

    private Candidates.Segmenter segmenter(RgbImage image, FrameFeatures features) {
        return new Candidates.Segmenter() {
            @Override
            public Mask fromBox(Box box) {
                return processor.segmentFromBox(features, box);
            }

            @Override
            public Mask fromPoints(List<PromptPoint> points) {
                return processor.segmentFromPoints(features, points);
            }

            @Override
            public List<Detection> detections(String className) {
                try {
                    processor.concept(className);
                } catch (UnknownConceptException e) {
                    return List.of();
                }
                return processor.detect(image, features, List.of(className));
            }
        };
    }

    /**
     * One pass through a stream session, forward or over the frames in reverse order (renumbered
     * 0..n-1, as the session wants ascending seqs); the chosen prompts are given at their frames.
     * Returns each object's mask by (original) seq.
     */
    Map<Integer, TreeMap<Long, Mask>> pass(String streamId, List<FrameRecord> frames, List<LabelledObject> objects,
                                           List<Choice> choices, boolean reversed) throws Exception {
        int n = frames.size();
        String id = streamId + (reversed ? "~backward" : "~forward");
        TreeMap<Long, List<Choice>> bySeq = new TreeMap<>();
        for (Choice c : choices) {
            bySeq.computeIfAbsent(reversed ? n - 1 - c.seq() : c.seq(), k -> new ArrayList<>()).add(c);
        }
        LocalStreamRunner runner = new LocalStreamRunner(id, processor, settings, knownClasses(objects), new Quiet());
        Map<Integer, Integer> objectOfMasklet = new HashMap<>();
        Map<Integer, Integer> maskletOfObject = new HashMap<>();
        List<MaskletFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FrameRecord r = frames.get(reversed ? n - 1 - i : i);
            List<Choice> due = bySeq.getOrDefault((long) i, List.of());
            List<Integer> started = new ArrayList<>();
            for (Choice c : due) {
                Integer masklet = maskletOfObject.get(c.objectId());
                if (masklet == null) {
                    started.add(c.objectId());
                }
                runner.prompt(prompt(id, c.prompt(), masklet, i));
            }
            int nextBefore = runner.trackerState() == null ? 1 : runner.trackerState().nextMaskletId();
            int rejectedBefore = runner.rejections().size();
            runner.process(renumbered(r, id, i), out::add);
            if (runner.rejections().size() != rejectedBefore) {
                throw new IllegalStateException("the session rejected a labelling prompt on frame " + r.seq() + ": "
                        + runner.rejectionMessages().get(runner.rejectionMessages().size() - 1));
            }
            // the detector's masklets of the frame come first, then one per new-object prompt, in prompt order
            int firstPrompted = runner.trackerState().nextMaskletId() - started.size();
            if (firstPrompted < nextBefore) {
                throw new IllegalStateException("frame " + r.seq() + ": " + started.size() + " objects prompted, "
                        + (firstPrompted + started.size() - nextBefore) + " masklets started");
            }
            for (int k = 0; k < started.size(); k++) {
                objectOfMasklet.put(firstPrompted + k, started.get(k));
                maskletOfObject.put(started.get(k), firstPrompted + k);
            }
        }
        runner.finish(out::add);
        Map<Integer, TreeMap<Long, Mask>> masks = new HashMap<>();
        for (MaskletFrame f : out) {
            long seq = reversed ? n - 1 - f.seq() : f.seq();
            for (MaskletFrame.MaskletObject o : f.objects()) {
                Integer object = objectOfMasklet.get(o.id());
                Mask m = o.mask().toRle().decode();
                if (object != null && !m.isEmpty()) {
                    masks.computeIfAbsent(object, k -> new TreeMap<>()).put(seq, m);
                }
            }
        }
        return masks;
    }

    /**
     * The labels' classes the kit's detector knows: the passes run with them as the stream's concepts, so
     * the detector guides the labelled masklets as in the job (re-prompts); the masklets the detector
     * starts itself are not output.
     */
    private List<String> knownClasses(List<LabelledObject> objects) {
        List<String> out = new ArrayList<>();
        for (LabelledObject o : objects) {
            if (out.contains(o.className())) {
                continue;
            }
            try {
                processor.concept(o.className());
                out.add(o.className());
            } catch (UnknownConceptException e) {
                // a class only the labels know: its masklets follow the tracker alone
            }
        }
        return out;
    }

    private static PromptCommand prompt(String streamId, Prompt p, Integer maskletId, long seq) {
        return p.box() != null
                ? PromptCommand.addBox(streamId, p.box(), null, maskletId, seq)
                : PromptCommand.addPoints(streamId, p.points(), maskletId, seq);
    }

    private static FrameRecord renumbered(FrameRecord r, String streamId, long seq) {
        return FrameRecord.frame(streamId, seq, 0, r.captureTime(), r.width(), r.height(), r.encoding(), r.image());
    }

    /** One masklet frame per video frame: each object's merged mask, masklet id = object id, class = concept. */
    private static List<MaskletFrame> toFrames(String streamId, List<FrameRecord> frames, List<LabelledObject> objects,
                                               Map<Integer, TreeMap<Long, Mask>> merged) {
        List<MaskletFrame> out = new ArrayList<>(frames.size());
        for (FrameRecord r : frames) {
            List<MaskletFrame.MaskletObject> objs = new ArrayList<>();
            for (LabelledObject o : objects) {
                Mask m = merged.getOrDefault(o.id(), new TreeMap<>()).get(r.seq());
                if (m == null || m.isEmpty()) {
                    continue;
                }
                objs.add(new MaskletFrame.MaskletObject(o.id(), o.className(), 1f, m.boundingBox().toXywh(),
                        MaskletFrame.RleMask.of(m), List.of()));
            }
            out.add(new MaskletFrame(streamId, r.seq(), r.captureTime(), r.captureTime(), r.width(), r.height(), objs));
        }
        return out;
    }

    /** A listener that observes nothing. */
    private static class Quiet implements StreamSession.Listener {
        @Override
        public void frameProcessed(String streamId, FrameDecisions decisions, int liveMasklets) {}

        @Override
        public void frameReleased(MaskletFrame frame) {}
    }
}
