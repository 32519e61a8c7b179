package io.maskstream.kit.coco;

import io.maskstream.operators.inference.FloatTensor;
import io.maskstream.operators.inference.FrameFeatures;
import io.maskstream.operators.inference.MemoryBankInput;
import io.maskstream.operators.inference.MemoryFeatures;
import io.maskstream.operators.inference.TrackerRole;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Detection;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import io.maskstream.state.tracking.MaskletPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Tracker role of the coco kit, without a network. A masklet's memory is the grey template under its
 * mask; propagation finds where that template moved by block matching (mean absolute difference over
 * the mask's pixels, within {@value #SEARCH_RADIUS} grey pixels) and re-cuts the moved mask with the
 * frame's foreground. The foreground is the difference from the per-pixel median of up to
 * {@value #SCENE_FRAMES} earlier frames, one every {@value #SCENE_PERIOD} (see {@link #sceneFrames});
 * where there is no foreground a mask keeps its moved shape (a detection's, its box).
 */
final class ClassicalTracker implements TrackerRole {
    /** Grey pixels a template may move per frame along each axis. */
    static final int SEARCH_RADIUS = 8;
    /** Frames between two background samples. */
    static final int SCENE_PERIOD = 8;
    /** Background samples kept (the median of these is the background). */
    static final int SCENE_FRAMES = 5;
    /** Share of a box (or moved mask) that must be foreground for the foreground to be the mask. */
    static final float MIN_FOREGROUND_SHARE = 0.15f;
    /** Grey pixels a moved mask is grown by before the foreground cuts it. */
    static final int GROW = 2;
    /** Mean absolute grey difference at which a match counts as lost (object score 0). */
    static final float LOST_DIFFERENCE = 48f;
    /** {@link #maskSource} of a box-shaped mask. */
    static final String BOX = "box";
    /** {@link #maskSource} of a mask cut from the foreground. */
    static final String FOREGROUND = "foreground";
    /** Share of a moved mask's box a detection must cover to vouch for an object that stands still. */
    static final float DETECTION_COVER = 0.5f;

    /** The frame whose detections {@link #cutDetectionMasks} saw last, and their boxes (this frame's, when it is the current one). */
    private FrameFeatures detectedOn;
    private List<Box> detectedBoxes = List.of();

    @Override
    public FrameFeatures encodeFrame(RgbImage frame) {
        return SceneModel.encode(frame);
    }

    @Override
    public SortedSet<Long> sceneFrames(long seq) {
        TreeSet<Long> out = new TreeSet<>();
        long last = Math.floorDiv(seq - 1, SCENE_PERIOD) * SCENE_PERIOD;
        for (int i = 0; i < SCENE_FRAMES && last - (long) i * SCENE_PERIOD >= 0; i++) {
            out.add(last - (long) i * SCENE_PERIOD);
        }
        return out;
    }

    @Override
    public FrameFeatures withScene(FrameFeatures current, List<FrameFeatures> scene) {
        return SceneModel.withForeground(current, scene);
    }

    @Override
    public List<Detection> cutDetectionMasks(FrameFeatures features, List<Detection> detections) {
        detectedOn = features;
        detectedBoxes = new ArrayList<>(detections.size());
        detections.forEach(d -> detectedBoxes.add(d.box()));
        List<Detection> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            out.add(new Detection(d.box(), d.score(), segmentFromBox(features, d.box()), d.concept()));
        }
        return out;
    }

    /** The foreground inside the box when there is enough of it, else the box itself. */
    @Override
    public Mask segmentFromBox(FrameFeatures features, Box box) {
        int w = features.frameWidth(), h = features.frameHeight();
        int x0 = clamp(Math.round(box.x1()), 0, w), y0 = clamp(Math.round(box.y1()), 0, h);
        int x1 = clamp(Math.round(box.x2()), 0, w), y1 = clamp(Math.round(box.y2()), 0, h);
        Mask rectangle = Mask.rectangle(h, w, x0, y0, x1, y1);
        float[] fg = SceneModel.foreground(features);
        if (fg == null) {
            return rectangle;
        }
        Grid g = Grid.of(features);
        byte[] inBox = new byte[g.w * g.h];
        int count = 0, area = 0;
        int gx0 = x0 / g.f, gy0 = y0 / g.f;
        int gx1 = Math.min(g.w, (x1 + g.f - 1) / g.f), gy1 = Math.min(g.h, (y1 + g.f - 1) / g.f);
        for (int gy = gy0; gy < gy1; gy++) {
            for (int gx = gx0; gx < gx1; gx++) {
                area++;
                if (fg[gy * g.w + gx] != 0) {
                    inBox[gy * g.w + gx] = 1;
                    count++;
                }
            }
        }
        if (count == 0 || count < MIN_FOREGROUND_SHARE * area) {
            return rectangle;
        }
        return SceneModel.toFrame(inBox, g.w, g.h, g.f, w, h, gx0, gy0, gx1, gy1).and(rectangle);
    }

    /** The foreground component under the first positive point; a small box around it where there is none. */
    @Override
    public Mask segmentFromPoints(FrameFeatures features, List<float[]> points, List<Boolean> positive) {
        int first = positive.indexOf(Boolean.TRUE);
        if (first < 0) {
            throw new IllegalArgumentException("need at least one positive point");
        }
        float px = points.get(first)[0], py = points.get(first)[1];
        Grid g = Grid.of(features);
        float[] fg = SceneModel.foreground(features);
        int gx = clamp((int) (px / g.f), 0, g.w - 1), gy = clamp((int) (py / g.f), 0, g.h - 1);
        if (fg == null || fg[gy * g.w + gx] == 0) {
            int r = 16;
            return segmentFromBox(features, new Box(px - r, py - r, px + r, py + r));
        }
        byte[] component = new byte[g.w * g.h];
        int[] queue = new int[g.w * g.h];
        int head = 0, tail = 0;
        queue[tail++] = gy * g.w + gx;
        component[gy * g.w + gx] = 1;
        while (head < tail) {
            int p = queue[head++], x = p % g.w, y = p / g.w;
            int[] next = {x > 0 ? p - 1 : -1, x < g.w - 1 ? p + 1 : -1, y > 0 ? p - g.w : -1, y < g.h - 1 ? p + g.w : -1};
            for (int q : next) {
                if (q >= 0 && component[q] == 0 && fg[q] != 0) {
                    component[q] = 1;
                    queue[tail++] = q;
                }
            }
        }
        return SceneModel.toFrame(component, g.w, g.h, g.f, features.frameWidth(), features.frameHeight());
    }

    /**
     * The template: grey values over the mask's grey bounding box ({@code features}), the mask there
     * ({@code positionEncoding}) and the box's top-left grey pixel ({@code temporalCode}, {x, y}).
     */
    @Override
    public MemoryFeatures encodeMemory(FrameFeatures features, Mask mask) {
        Grid g = Grid.of(features);
        byte[] m = SceneModel.toGrey(mask, g.w, g.h, g.f);
        int minX = g.w, minY = g.h, maxX = -1, maxY = -1;
        Box bounds = mask.boundingBox();
        int bx0 = bounds == null ? 0 : (int) bounds.x1() / g.f, by0 = bounds == null ? 0 : (int) bounds.y1() / g.f;
        int bx1 = bounds == null ? 0 : Math.min(g.w, ((int) bounds.x2() + g.f - 1) / g.f);
        int by1 = bounds == null ? 0 : Math.min(g.h, ((int) bounds.y2() + g.f - 1) / g.f);
        for (int y = by0; y < by1; y++) {
            for (int x = bx0; x < bx1; x++) {
                if (m[y * g.w + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new MemoryFeatures(new FloatTensor(new float[0], new long[] {0, 0}),
                    new FloatTensor(new float[0], new long[] {0, 0}), new FloatTensor(new float[2], new long[] {2}));
        }
        int cw = maxX - minX + 1, ch = maxY - minY + 1;
        float[] grey = features.get(SceneModel.GREY).data();
        float[] values = new float[cw * ch];
        float[] inMask = new float[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int p = (minY + y) * g.w + minX + x;
                values[y * cw + x] = grey[p];
                inMask[y * cw + x] = m[p];
            }
        }
        return new MemoryFeatures(new FloatTensor(values, new long[] {ch, cw}),
                new FloatTensor(inMask, new long[] {ch, cw}), new FloatTensor(new float[] {minX, minY}, new long[] {2}));
    }

    @Override
    public List<MaskletPrediction> propagate(FrameFeatures current, List<MemoryBankInput> banks) {
        List<MaskletPrediction> out = new ArrayList<>(banks.size());
        for (MemoryBankInput bank : banks) {
            // the latest memory: the previous frame's when the rules kept it, else a prompted frame
            MemoryFeatures memory = bank.recent().isEmpty()
                    ? bank.conditioning().get(bank.conditioning().size() - 1)
                    : bank.recent().get(bank.recent().size() - 1);
            out.add(propagate(current, bank.maskletId(), memory, bank.prompted()));
        }
        return out;
    }

    private MaskletPrediction propagate(FrameFeatures current, int maskletId, MemoryFeatures memory, boolean prompted) {
        Grid g = Grid.of(current);
        int ch = memory.features().dim(0), cw = memory.features().dim(1);
        if (ch == 0) {
            return new MaskletPrediction(maskletId, Mask.empty(current.frameHeight(), current.frameWidth()), 0f, 0f);
        }
        float[] template = memory.features().data();
        float[] inMask = memory.positionEncoding().data();
        int ox = (int) memory.temporalCode().data()[0], oy = (int) memory.temporalCode().data()[1];
        float[] grey = current.get(SceneModel.GREY).data();
        int[] pixels = new int[cw * ch];
        int n = 0;
        for (int i = 0; i < inMask.length; i++) {
            if (inMask[i] != 0) {
                pixels[n++] = i;
            }
        }
        float best = Float.MAX_VALUE;
        int bestDx = 0, bestDy = 0;
        for (int dy = -SEARCH_RADIUS; dy <= SEARCH_RADIUS; dy++) {
            for (int dx = -SEARCH_RADIUS; dx <= SEARCH_RADIUS; dx++) {
                float sum = 0f;
                int counted = 0;
                for (int k = 0; k < n; k++) {
                    int i = pixels[k];
                    int x = ox + i % cw + dx, y = oy + i / cw + dy;
                    if (x >= 0 && y >= 0 && x < g.w && y < g.h) {
                        sum += Math.abs(grey[y * g.w + x] - template[i]);
                        counted++;
                    }
                }
                if (counted * 2 < n) {
                    continue; // mostly outside the frame
                }
                // a slight pull towards no motion makes flat regions and ties deterministic and still
                float cost = sum / counted + 0.05f * (dx * dx + dy * dy);
                if (cost < best) {
                    best = cost;
                    bestDx = dx;
                    bestDy = dy;
                }
            }
        }
        if (best == Float.MAX_VALUE) {
            return new MaskletPrediction(maskletId, Mask.empty(current.frameHeight(), current.frameWidth()), 0f, 0f);
        }
        // the work happens in a window around the moved template, grown by the dilation's reach
        int wx0 = ox + bestDx - GROW, wy0 = oy + bestDy - GROW;
        int ww = cw + 2 * GROW, wh = ch + 2 * GROW;
        byte[] moved = new byte[ww * wh];
        int movedCount = 0;
        for (int k = 0; k < n; k++) {
            int i = pixels[k];
            int x = ox + i % cw + bestDx, y = oy + i / cw + bestDy;
            if (x >= 0 && y >= 0 && x < g.w && y < g.h) {
                moved[(y - wy0) * ww + x - wx0] = 1;
                movedCount++;
            }
        }
        byte[] mask = moved;
        float[] fg = SceneModel.foreground(current);
        if (fg != null) {
            byte[] grown = moved;
            for (int i = 0; i < GROW; i++) {
                grown = SceneModel.dilate(grown, ww, wh);
            }
            byte[] cut = new byte[ww * wh];
            int cutCount = 0;
            for (int y = Math.max(0, wy0); y < Math.min(g.h, wy0 + wh); y++) {
                for (int x = Math.max(0, wx0); x < Math.min(g.w, wx0 + ww); x++) {
                    int p = (y - wy0) * ww + x - wx0;
                    if (grown[p] != 0 && fg[y * g.w + x] != 0) {
                        cut[p] = 1;
                        cutCount++;
                    }
                }
            }
            if (cutCount >= MIN_FOREGROUND_SHARE * movedCount) {
                mask = cut;
            } else if (!prompted && !detected(current, new Box((ox + bestDx) * g.f, (oy + bestDy) * g.f,
                    (ox + bestDx + cw) * g.f, (oy + bestDy + ch) * g.f))) {
                // nothing moves there and the detector sees nothing: the object has gone (its template now
                // matches the background it left), as SAM's tracker reports an absent object. A masklet a
                // user prompted stays where its template matches: a parked car does not move either.
                return new MaskletPrediction(maskletId, Mask.empty(current.frameHeight(), current.frameWidth()), 0f, 0f);
            }
        }
        byte[] inFrame = new byte[g.w * g.h];
        for (int y = Math.max(0, wy0); y < Math.min(g.h, wy0 + wh); y++) {
            for (int x = Math.max(0, wx0); x < Math.min(g.w, wx0 + ww); x++) {
                inFrame[y * g.w + x] = mask[(y - wy0) * ww + x - wx0];
            }
        }
        float score = Math.max(0f, Math.min(1f, 1f - (best - 0.05f * (bestDx * bestDx + bestDy * bestDy)) / LOST_DIFFERENCE));
        return new MaskletPrediction(maskletId,
                SceneModel.toFrame(inFrame, g.w, g.h, g.f, current.frameWidth(), current.frameHeight(), wx0, wy0,
                        wx0 + ww, wy0 + wh), score, score);
    }

    /**
     * {@value #BOX} for a mask that fills its bounding box (a box where there was no foreground, moved or
     * not), {@value #FOREGROUND} for any other; null for an empty mask.
     */
    @Override
    public String maskSource(Mask mask) {
        Box b = mask.boundingBox();
        if (b == null) {
            return null;
        }
        return mask.area() == (long) b.width() * (long) b.height() ? BOX : FOREGROUND;
    }

    /** Whether a detection on this frame covers most of {@code box} (an object standing still is no foreground). */
    private boolean detected(FrameFeatures current, Box box) {
        if (detectedOn != current) {
            return false;
        }
        for (Box d : detectedBoxes) {
            float iw = Math.min(d.x2(), box.x2()) - Math.max(d.x1(), box.x1());
            float ih = Math.min(d.y2(), box.y2()) - Math.max(d.y1(), box.y1());
            if (iw > 0 && ih > 0 && iw * ih >= DETECTION_COVER * box.area()) {
                return true;
            }
        }
        return false;
    }

    /** No object pointers: the memory bank's templates are all this tracker uses. */
    @Override
    public float[] objectPointer(FrameFeatures features, Mask mask) {
        return null;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The grey image's size and scale factor for a frame's features. */
    private record Grid(int w, int h, int f) {
        static Grid of(FrameFeatures features) {
            FloatTensor grey = features.get(SceneModel.GREY);
            return new Grid(grey.dim(1), grey.dim(0), SceneModel.factor(features.frameWidth()));
        }
    }
}
