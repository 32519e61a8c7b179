package io.maskstream.operators.tracking.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.tracking.instruction.InstructionResolver.FrameView;
import io.maskstream.state.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionResolverTest {
    private static final InstructionResolver RESOLVER = new InstructionResolver(0);

    /** A square masklet of side 2r centred at (x, y), first seen at seq 0, not moving. */
    private static MaskletView at(int id, String concept, String colour, double x, double y, double r) {
        return new Moving(id, concept, colour, x, y, r, 0, 0, 0, 0, false).view();
    }

    private record Moving(int id, String concept, String colour, double x, double y, double r, double vx, double vy,
                          long firstSeen, long trackedMillis, boolean occluded) {
        MaskletView view() {
            Box b = new Box((float) (x - r), (float) (y - r), (float) (x + r), (float) (y + r));
            return new MaskletView(id, concept, b, (int) Math.round(4 * r * r), colour, firstSeen, trackedMillis, vx, vy,
                    occluded);
        }
    }

    private static List<Integer> select(String text, MaskletView... masklets) throws Exception {
        return RESOLVER.select(InstructionParser.parse(text).selection(), new FrameView(320, 240, List.of(masklets)),
                Set.of());
    }

    private static final MaskletView RED_LEFT = at(1, "red", "red", 40, 100, 10);
    private static final MaskletView RED_MIDDLE = at(2, "red", "red", 160, 60, 20);
    private static final MaskletView BLUE_RIGHT = at(3, "blue", "blue", 280, 200, 14);

    @Test
    void aConceptSelectsEveryMaskletOfIt() throws Exception {
        assertThat(select("the red", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1, 2);
        assertThat(select("blue objects", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(3);
    }

    @Test
    void aNounMatchesItsConceptInThePlural() throws Exception {
        MaskletView car = at(4, "car", null, 10, 10, 5);
        MaskletView bus = at(5, "bus", null, 50, 10, 5);
        assertThat(select("cars", car, bus)).containsExactly(4);
        assertThat(select("the buses", car, bus)).containsExactly(5);
    }

    @Test
    void colourIsTheMeasuredColourNotTheConcept() throws Exception {
        MaskletView redCar = at(4, "car", "red", 10, 10, 5);
        MaskletView blueCar = at(5, "car", "blue", 50, 10, 5);
        assertThat(select("the red car", redCar, blueCar)).containsExactly(4);
    }

    @Test
    void sizeIsRelativeToTheFrame() throws Exception {
        MaskletView tiny = at(4, "car", null, 10, 10, 3);     // 36 px < 0.4 % of 76800
        MaskletView medium = at(5, "car", null, 50, 10, 10);  // 400 px
        MaskletView huge = at(6, "car", null, 150, 100, 30);  // 3600 px > 1.5 %
        assertThat(select("small cars", tiny, medium, huge)).containsExactly(4);
        assertThat(select("large cars", tiny, medium, huge)).containsExactly(6);
    }

    @Test
    void spatialSuperlativesPickTheExtremeCentre() throws Exception {
        MaskletView[] all = {RED_LEFT, RED_MIDDLE, BLUE_RIGHT};
        assertThat(select("the leftmost object", all)).containsExactly(1);
        assertThat(select("the rightmost object", all)).containsExactly(3);
        assertThat(select("the topmost object", all)).containsExactly(2);
        assertThat(select("the bottom-most object", all)).containsExactly(3);
        assertThat(select("the leftmost blue object", all)).containsExactly(3);
    }

    @Test
    void sizeSuperlativesPickByArea() throws Exception {
        assertThat(select("the largest", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(2);
        assertThat(select("the smallest", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1);
    }

    @Test
    void nearestAndFarthestMeasureFromAPoint() throws Exception {
        assertThat(select("the object nearest to (300, 220)", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(3);
        assertThat(select("the object farthest from (300, 220)", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1);
    }

    @Test
    void nearestToAnotherConceptMeasuresToItsClosestMasklet() throws Exception {
        assertThat(select("the red object nearest the blue object", RED_LEFT, RED_MIDDLE, BLUE_RIGHT))
                .containsExactly(2);
    }

    @Test
    void nearestToAConceptThatIsAbsentSelectsNothing() throws Exception {
        assertThat(select("the red object nearest the green object", RED_LEFT, RED_MIDDLE)).isEmpty();
    }

    @Test
    void aCountKeepsThatManyBestRanked() throws Exception {
        assertThat(select("the two largest", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(2, 3);
        assertThat(select("the five largest", RED_LEFT, RED_MIDDLE)).containsExactly(1, 2);
    }

    @Test
    void anOrdinalPicksThatRank() throws Exception {
        assertThat(select("the second from the left", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(2);
        assertThat(select("the third from the left", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(3);
        assertThat(select("the fourth from the left", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).isEmpty();
        assertThat(select("the second largest", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(3);
    }

    @Test
    void horizontalAndVerticalRelationsCompareCentres() throws Exception {
        assertThat(select("objects left of the blue object", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1, 2);
        assertThat(select("objects right of the leftmost red object", RED_LEFT, RED_MIDDLE, BLUE_RIGHT))
                .containsExactly(2, 3);
        assertThat(select("objects above the blue object", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1, 2);
        assertThat(select("objects below (0, 80)", RED_LEFT, RED_MIDDLE, BLUE_RIGHT)).containsExactly(1, 3);
    }

    @Test
    void anObjectIsNotRelatedToItself() throws Exception {
        assertThat(select("red objects left of the red object", RED_LEFT, RED_MIDDLE)).containsExactly(1);
    }

    @Test
    void insideNeedsMostOfTheBoxInALargerBox() throws Exception {
        MaskletView box = at(4, "box", null, 100, 100, 40);
        MaskletView cup = at(5, "cup", null, 110, 100, 10);
        MaskletView half = at(6, "cup", null, 140, 100, 10);
        assertThat(select("cups inside the box", box, cup, half)).containsExactly(5);
    }

    @Test
    void overlappingNeedsIntersectingBoxes() throws Exception {
        MaskletView a = at(4, "car", null, 100, 100, 20);
        MaskletView b = at(5, "car", null, 130, 100, 20);
        MaskletView c = at(6, "car", null, 200, 100, 20);
        assertThat(select("cars overlapping a car", a, b, c)).containsExactly(4, 5);
        assertThat(select("cars overlapping (200, 100)", a, b, c)).containsExactly(6);
    }

    @Test
    void nearMeansWithinTheSubjectsDiagonal() throws Exception {
        MaskletView a = at(4, "car", null, 100, 100, 10); // diagonal 28.3
        MaskletView b = at(5, "car", null, 140, 100, 10); // gap 20
        MaskletView c = at(6, "car", null, 200, 100, 10); // gap 40 to b
        assertThat(select("cars near a car", a, b, c)).containsExactly(4, 5);
    }

    @Test
    void motionUsesTheVelocityComponentBeyondAThreshold() throws Exception {
        // threshold 0.05 diagonals per second = 20 px/s at 320x240
        MaskletView left = new Moving(4, "car", null, 100, 100, 10, -30, 5, 0, 0, false).view();
        MaskletView right = new Moving(5, "car", null, 100, 100, 10, 30, -25, 0, 0, false).view();
        MaskletView slow = new Moving(6, "car", null, 100, 100, 10, 5, 0, 0, 0, false).view();
        MaskletView unknown = new Moving(7, "car", null, 100, 100, 10, Double.NaN, Double.NaN, 0, 0, false).view();
        assertThat(select("cars moving left", left, right, slow, unknown)).containsExactly(4);
        assertThat(select("cars moving right", left, right, slow, unknown)).containsExactly(5);
        assertThat(select("cars moving up", left, right, slow, unknown)).containsExactly(5);
        assertThat(select("cars moving down", left, right, slow, unknown)).isEmpty();
        assertThat(select("stationary cars", left, right, slow, unknown)).containsExactly(6);
    }

    @Test
    void enteredFirstAndLastFollowFirstSeenSeq() throws Exception {
        MaskletView early = new Moving(4, "car", null, 100, 100, 10, 0, 0, 3, 0, false).view();
        MaskletView late = new Moving(5, "car", null, 100, 100, 10, 0, 0, 40, 0, false).view();
        assertThat(select("the car that entered last", early, late)).containsExactly(5);
        assertThat(select("the car that entered first", early, late)).containsExactly(4);
    }

    @Test
    void visibleForComparesTrackedTime() throws Exception {
        MaskletView old = new Moving(4, "car", null, 100, 100, 10, 0, 0, 0, 2500, false).view();
        MaskletView fresh = new Moving(5, "car", null, 100, 100, 10, 0, 0, 0, 900, false).view();
        assertThat(select("cars visible for more than 2 s", old, fresh)).containsExactly(4);
        assertThat(select("cars visible for less than 1 s", old, fresh)).containsExactly(5);
    }

    @Test
    void occludedSelectsMaskletsThatWereHidden() throws Exception {
        MaskletView hidden = new Moving(4, "car", null, 100, 100, 10, 0, 0, 0, 0, true).view();
        MaskletView seen = new Moving(5, "car", null, 100, 100, 10, 0, 0, 0, 0, false).view();
        assertThat(select("the car that was occluded", hidden, seen)).containsExactly(4);
    }

    @Test
    void colourNamesFollowTheHueTable() {
        assertThat(ColourNames.of(230, 30, 30)).isEqualTo("red");
        assertThat(ColourNames.of(250, 140, 30)).isEqualTo("orange");
        assertThat(ColourNames.of(240, 220, 40)).isEqualTo("yellow");
        assertThat(ColourNames.of(40, 200, 40)).isEqualTo("green");
        assertThat(ColourNames.of(40, 210, 220)).isEqualTo("cyan");
        assertThat(ColourNames.of(40, 80, 230)).isEqualTo("blue");
        assertThat(ColourNames.of(140, 40, 220)).isEqualTo("purple");
        assertThat(ColourNames.of(220, 50, 220)).isEqualTo("magenta");
        assertThat(ColourNames.of(240, 240, 240)).isEqualTo("white");
        assertThat(ColourNames.of(128, 128, 128)).isEqualTo("grey");
        assertThat(ColourNames.of(20, 20, 30)).isEqualTo("black");
    }

    // ---- hysteresis --------------------------------------------------------------------------------

    /** Two equal objects whose x jitters by ±2 px around a tie; "the leftmost" over 300 frames. */
    private static int switchesPer100Frames(double hysteresis) throws Exception {
        InstructionResolver resolver = new InstructionResolver(hysteresis);
        var selection = InstructionParser.parse("the leftmost object").selection();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        Set<Integer> previous = Set.of();
        int switches = 0;
        for (int t = 0; t < 300; t++) {
            MaskletView a = at(1, "car", null, 100 + random.nextDouble(-2, 2), 100, 10);
            MaskletView b = at(2, "car", null, 100 + random.nextDouble(-2, 2), 150, 10);
            Set<Integer> now = Set.copyOf(resolver.select(selection, new FrameView(320, 240, List.of(a, b)), previous));
            if (!previous.isEmpty() && !now.equals(previous)) {
                switches++;
            }
            previous = now;
        }
        return switches / 3;
    }

    @Test
    void withoutHysteresisANearTieFlickers() throws Exception {
        assertThat(switchesPer100Frames(0)).isGreaterThan(20);
    }

    @Test
    void hysteresisHoldsTheSelectionThroughANearTie() throws Exception {
        assertThat(switchesPer100Frames(0.03)).isZero();
    }

    @Test
    void hysteresisLetsAClearWinnerThrough() throws Exception {
        InstructionResolver resolver = new InstructionResolver(0.03); // margin 9.6 px at width 320
        var selection = InstructionParser.parse("the leftmost object").selection();
        FrameView frame = new FrameView(320, 240, List.of(at(1, "car", null, 100, 100, 10), at(2, "car", null, 85, 150, 10)));
        assertThat(resolver.select(selection, frame, Set.of(1))).containsExactly(2);
        FrameView close = new FrameView(320, 240, List.of(at(1, "car", null, 100, 100, 10), at(2, "car", null, 95, 150, 10)));
        assertThat(resolver.select(selection, close, Set.of(1))).containsExactly(1);
    }

    @Test
    void hysteresisHoldsAnOrdinalRankInBothDirections() throws Exception {
        InstructionResolver resolver = new InstructionResolver(0.03);
        var selection = InstructionParser.parse("the second from the left").selection();
        List<MaskletView> row = new ArrayList<>(List.of(at(1, "car", null, 20, 100, 5), at(2, "car", null, 100, 100, 5),
                at(3, "car", null, 104, 100, 5), at(4, "car", null, 200, 100, 5)));
        FrameView frame = new FrameView(320, 240, row);
        assertThat(resolver.select(selection, frame, Set.of())).containsExactly(2);
        assertThat(resolver.select(selection, frame, Set.of(3))).containsExactly(3); // 3rd by 4 px: held
        assertThat(resolver.select(selection, frame, Set.of(4))).containsExactly(2); // 4th by far: replaced
    }

    @Test
    void hysteresisHoldsTheLargestThroughASmallRelativeDifference() throws Exception {
        InstructionResolver resolver = new InstructionResolver(0.03);
        var selection = InstructionParser.parse("the largest").selection();
        FrameView frame = new FrameView(320, 240, List.of(at(1, "car", null, 50, 50, 20), at(2, "car", null, 150, 50, 20.2)));
        assertThat(resolver.select(selection, frame, Set.of(1))).containsExactly(1); // 2 % smaller: held
        FrameView grown = new FrameView(320, 240, List.of(at(1, "car", null, 50, 50, 20), at(2, "car", null, 150, 50, 22)));
        assertThat(resolver.select(selection, grown, Set.of(1))).containsExactly(2);
    }
}
