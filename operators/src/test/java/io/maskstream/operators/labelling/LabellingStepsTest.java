package io.maskstream.operators.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The SeSAM steps, each on small masks whose answer is known. */
class LabellingStepsTest {
    private static final int H = 40, W = 60;

    private static Mask rect(int x0, int y0, int x1, int y1) {
        return Mask.rectangle(H, W, x0, y0, x1, y1);
    }

    @Test
    void aClassMaskSplitsIntoItsConnectedComponentsInRowMajorOrder() {
        Mask m = rect(30, 2, 40, 8).or(rect(2, 10, 8, 20)).or(rect(20, 30, 25, 35));
        List<Mask> parts = ConnectedComponents.split(m);
        assertThat(parts).containsExactly(rect(30, 2, 40, 8), rect(2, 10, 8, 20), rect(20, 30, 25, 35));
    }

    @Test
    void diagonallyTouchingPixelsAreOneComponent() {
        Mask m = Mask.builder(H, W).set(5, 5).set(6, 6).build();
        assertThat(ConnectedComponents.split(m)).hasSize(1);
    }

    @Test
    void theSkeletonOfABarIsAThinLineAlongItsMiddle() {
        Mask bar = rect(5, 10, 55, 17); // rows 10..16, middle row 13
        Mask sk = Skeleton.of(bar);
        assertThat(sk.isEmpty()).isFalse();
        for (int x = 12; x < 48; x++) {
            int set = 0;
            for (int y = 0; y < H; y++) {
                if (sk.get(y, x)) {
                    set++;
                    assertThat(y).isBetween(12, 14);
                }
            }
            assertThat(set).as("column %d", x).isEqualTo(1);
        }
        assertThat(bar.and(sk)).isEqualTo(sk);
    }

    @Test
    void aOnePixelLineIsItsOwnSkeleton() {
        Mask line = LabelRegions.polyline(List.of(new PromptPoint(3, 3, true), new PromptPoint(40, 20, true)), H, W);
        assertThat(Skeleton.of(line)).isEqualTo(line);
    }

    @Test
    void positivePointsStartDeepestInsideAndSpreadAlongTheSkeleton() {
        Mask bar = rect(5, 10, 55, 17);
        List<PromptPoint> pts = PointSampling.alongSkeleton(bar, 3);
        assertThat(pts).hasSize(3).allMatch(PromptPoint::positive).allMatch(p -> bar.get((int) p.y(), (int) p.x()));
        assertThat((int) pts.get(0).y()).isEqualTo(13); // on the bar's middle row, as deep as a pixel gets
        // the three are spread over the bar's length
        float min = Math.min(pts.get(0).x(), Math.min(pts.get(1).x(), pts.get(2).x()));
        float max = Math.max(pts.get(0).x(), Math.max(pts.get(1).x(), pts.get(2).x()));
        assertThat(max - min).isGreaterThan(30f);
    }

    @Test
    void aBlockThinningRemovesStillGivesAPoint() {
        Mask block = rect(10, 10, 12, 12);
        assertThat(PointSampling.alongSkeleton(block, 1)).hasSize(1);
    }

    @Test
    void negativePointsComeFromOtherClassesButNotFromTheObjectsOwnPixels() {
        Mask own = rect(0, 0, 30, 40);
        Mask other = rect(20, 0, 60, 40); // overlaps the object on x 20..29
        List<PromptPoint> neg = PointSampling.negatives(List.of(other), own, null, 3);
        assertThat(neg).isNotEmpty().noneMatch(PromptPoint::positive).allMatch(p -> p.x() >= 30);
    }

    @Test
    void dilateAndErodeGrowAndShrinkBySquares() {
        Mask m = rect(20, 10, 30, 20);
        assertThat(MaskMorphology.dilate(m, 2)).isEqualTo(rect(18, 8, 32, 22));
        assertThat(MaskMorphology.erode(m, 2)).isEqualTo(rect(22, 12, 28, 18));
        assertThat(MaskMorphology.dilateRound(Mask.builder(H, W).set(20, 20).build(), 2).area()).isEqualTo(13);
    }

    @Test
    void theLabelsMarkedPixelsFollowItsKind() {
        assertThat(LabelRegions.marked(WeakLabel.box(0, "a", null, new Box(2, 3, 10, 8)), H, W)).isEqualTo(rect(2, 3, 10, 8));
        Mask pts = LabelRegions.marked(WeakLabel.points(0, "a", null,
                List.of(new PromptPoint(4, 5, true), new PromptPoint(9, 9, false))), H, W);
        assertThat(pts.area()).isEqualTo(1);
        assertThat(pts.get(5, 4)).isTrue();
        Mask scribble = LabelRegions.marked(WeakLabel.scribble(0, "a", null,
                List.of(new PromptPoint(0, 0, true), new PromptPoint(10, 0, true))), H, W);
        assertThat(scribble).isEqualTo(rect(0, 0, 11, 1));
    }

    private static CandidateChoice.Target boxTarget(Box b) {
        return new CandidateChoice.Target(WeakLabel.Kind.BOX, b, LabelRegions.boxMask(b, H, W), LabelRegions.boxMask(b, H, W),
                null, null);
    }

    @Test
    void forABoxTheCandidateFillingItWithoutSpillWins() {
        Box b = new Box(10, 10, 30, 30);
        Mask tight = rect(10, 10, 30, 30).andNot(rect(10, 10, 14, 14)); // the object: touches all four sides
        Mask part = rect(15, 15, 25, 25); // a part of it
        Mask spill = rect(5, 5, 35, 35); // more than the box
        assertThat(CandidateChoice.best(List.of(part, spill, tight), boxTarget(b))).isEqualTo(2);
    }

    @Test
    void forACoarseMaskCoverageAndSpillDecide() {
        Mask coarse = rect(10, 10, 30, 30);
        CandidateChoice.Target t = new CandidateChoice.Target(WeakLabel.Kind.MASK, null, coarse,
                MaskMorphology.dilate(coarse, 3), null, null);
        Mask object = rect(11, 11, 29, 29);
        Mask background = rect(0, 0, 60, 40);
        Mask sliver = rect(12, 12, 14, 14);
        assertThat(CandidateChoice.best(List.of(background, sliver, object), t)).isEqualTo(2);
    }

    @Test
    void aCandidateOnANegativeClickLoses() {
        Mask marked = Mask.builder(H, W).set(20, 20).build();
        Mask negative = Mask.builder(H, W).set(20, 35).build();
        CandidateChoice.Target t = new CandidateChoice.Target(WeakLabel.Kind.POINTS, null, marked, null, negative, null);
        Mask wide = rect(10, 10, 40, 30);
        Mask narrow = rect(15, 15, 25, 25);
        assertThat(CandidateChoice.best(List.of(wide, narrow), t)).isEqualTo(1);
    }

    @Test
    void forAScribbleASmallerCandidateNearlyAsGoodBeatsOneThatTakesTheBackgroundToo() {
        Mask scribble = LabelRegions.polyline(List.of(new PromptPoint(10, 20, true), new PromptPoint(30, 20, true)), H, W);
        CandidateChoice.Target t = new CandidateChoice.Target(WeakLabel.Kind.SCRIBBLE, null, scribble, null, null, null);
        Mask everything = rect(0, 0, 60, 40); // covers the whole scribble
        Mask object = rect(11, 15, 31, 25); // misses the scribble's first pixel: coverage 20/21
        assertThat(CandidateChoice.best(List.of(everything, object), t)).isEqualTo(1);
    }

    @Test
    void emptyCandidatesAreNeverChosen() {
        assertThat(CandidateChoice.best(List.of(Mask.empty(H, W)), boxTarget(new Box(1, 1, 5, 5)))).isEqualTo(-1);
    }

    @Test
    void labelsWithOneObjectIdAreOneObjectAndACoarseMaskWithoutIdIsOneObjectPerComponent() {
        List<WeakLabel> labels = List.of(
                WeakLabel.box(5, "car", 7, new Box(1, 1, 5, 5)),
                WeakLabel.box(0, "car", 7, new Box(1, 1, 5, 5)),
                WeakLabel.mask(2, "road", null, rect(0, 0, 5, 5).or(rect(20, 20, 30, 30))),
                WeakLabel.points(3, "car", null, List.of(new PromptPoint(1, 1, true))));
        List<LabelledObject> objects = LabelledObject.group(labels, H, W);
        assertThat(objects).extracting(LabelledObject::className).containsExactly("car", "road", "road", "car");
        assertThat(objects.get(0).labels().keySet()).containsExactly(0L, 5L);
        assertThat(objects).extracting(LabelledObject::id).containsExactly(1, 2, 3, 4);
        assertThat(objects.get(2).marked().get(2L)).isEqualTo(rect(20, 20, 30, 30));
    }

    @Test
    void oneObjectIdWithTwoClassesIsAnError() {
        assertThatThrownBy(() -> LabelledObject.group(List.of(WeakLabel.box(0, "car", 1, new Box(1, 1, 5, 5)),
                WeakLabel.box(1, "bus", 1, new Box(1, 1, 5, 5))), H, W))
                .hasMessageContaining("field 'class': object 1 is 'car'");
    }

    private static LabelledObject object(long... seqs) {
        TreeMap<Long, WeakLabel> labels = new TreeMap<>();
        TreeMap<Long, Mask> marked = new TreeMap<>();
        for (long s : seqs) {
            labels.put(s, WeakLabel.box(s, "a", 1, new Box(0, 0, 2, 2)));
            marked.put(s, rect(0, 0, 2, 2));
        }
        return new LabelledObject(1, "a", labels, marked);
    }

    @Test
    void eachFrameComesFromThePassOfTheNearerLabel() {
        LabelledObject o = object(10, 20);
        assertThat(PassMerge.fromForward(o, 5)).isFalse(); // before the first label: backward only
        assertThat(PassMerge.fromForward(o, 10)).isTrue();
        assertThat(PassMerge.fromForward(o, 14)).isTrue();
        assertThat(PassMerge.fromForward(o, 15)).isTrue(); // a tie goes forward
        assertThat(PassMerge.fromForward(o, 16)).isFalse();
        assertThat(PassMerge.fromForward(o, 30)).isTrue(); // after the last: forward only
    }

    @Test
    void mergeTakesEachFramesMaskFromItsPass() {
        LabelledObject o = object(2);
        Mask f = rect(0, 0, 5, 5), b = rect(10, 10, 15, 15);
        TreeMap<Long, Mask> fwd = new TreeMap<>(Map.of(2L, f, 3L, f)), bwd = new TreeMap<>(Map.of(0L, b, 1L, b, 2L, b));
        var merged = PassMerge.merge(List.of(o), Map.of(1, fwd), Map.of(1, bwd), 4).get(1);
        assertThat(merged).containsEntry(0L, b).containsEntry(1L, b).containsEntry(2L, f).containsEntry(3L, f);
    }

    @Test
    void passesThatDisagreeBetweenTwoLabelsGiveAPseudoLabelOfWhatTheyAgreeOn() {
        LabelledObject o = object(0, 4);
        Mask a = rect(0, 0, 10, 10), c = rect(5, 0, 15, 10);
        TreeMap<Long, Mask> fwd = new TreeMap<>(), bwd = new TreeMap<>();
        for (long t = 0; t <= 4; t++) {
            fwd.put(t, a);
            bwd.put(t, t == 2 ? c : a);
        }
        var merged = PassMerge.merge(List.of(o), Map.of(1, fwd), Map.of(1, bwd), 5);
        List<LabelledObject> next = PassMerge.pseudoLabels(List.of(o), Map.of(1, fwd), Map.of(1, bwd), merged, 0.5);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).labels().keySet()).containsExactly(0L, 2L, 4L);
        assertThat(next.get(0).marked().get(2L)).isEqualTo(a.and(c));
    }

    @Test
    void passesThatAgreeEndTheRounds() {
        LabelledObject o = object(0, 4);
        TreeMap<Long, Mask> same = new TreeMap<>();
        for (long t = 0; t <= 4; t++) {
            same.put(t, rect(0, 0, 10, 10));
        }
        var merged = PassMerge.merge(List.of(o), Map.of(1, same), Map.of(1, same), 5);
        assertThat(PassMerge.pseudoLabels(List.of(o), Map.of(1, same), Map.of(1, same), merged, 0.5)).isNull();
    }

    @Test
    void aSemanticMapHasClassIndicesBackgroundAndUnknownWhereClassesOverlap() {
        MaskletFrame f = new MaskletFrame("s", 0, 0, 0, W, H, List.of(
                obj(1, "car", rect(0, 0, 10, 10)), obj(2, "car", rect(5, 0, 15, 10)), obj(3, "road", rect(12, 0, 20, 10))));
        byte[] map = SemanticMaps.of(f, Map.of("car", 1, "road", 2));
        assertThat(map[0]).isEqualTo((byte) 1);
        assertThat(map[7]).isEqualTo((byte) 1); // two cars: still car
        assertThat(map[13] & 0xff).isEqualTo(SemanticMaps.UNKNOWN); // car and road
        assertThat(map[18]).isEqualTo((byte) 2);
        assertThat(map[25]).isEqualTo((byte) SemanticMaps.BACKGROUND);
    }

    private static MaskletFrame.MaskletObject obj(int id, String c, Mask m) {
        return new MaskletFrame.MaskletObject(id, c, 1f, m.boundingBox().toXywh(), MaskletFrame.RleMask.of(m), List.of());
    }
}
