package io.maskstream.operators.tracking.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.operators.tracking.instruction.Instruction.Direction;
import io.maskstream.operators.tracking.instruction.Instruction.HasColour;
import io.maskstream.operators.tracking.instruction.Instruction.HasSize;
import io.maskstream.operators.tracking.instruction.Instruction.IsConcept;
import io.maskstream.operators.tracking.instruction.Instruction.Moving;
import io.maskstream.operators.tracking.instruction.Instruction.ObjectReference;
import io.maskstream.operators.tracking.instruction.Instruction.Order;
import io.maskstream.operators.tracking.instruction.Instruction.Ordering;
import io.maskstream.operators.tracking.instruction.Instruction.PointReference;
import io.maskstream.operators.tracking.instruction.Instruction.Related;
import io.maskstream.operators.tracking.instruction.Instruction.Relation;
import io.maskstream.operators.tracking.instruction.Instruction.Selection;
import io.maskstream.operators.tracking.instruction.Instruction.Size;
import io.maskstream.operators.tracking.instruction.Instruction.Stationary;
import io.maskstream.operators.tracking.instruction.Instruction.VisibleFor;
import io.maskstream.operators.tracking.instruction.Instruction.WasOccluded;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionParserTest {

    private static Selection parse(String text) throws InstructionSyntaxException {
        return InstructionParser.parse(text).selection();
    }

    @Test
    void aConceptWithColourAndSizeIsThreeConditions() throws Exception {
        assertThat(parse("the small red car").conditions())
                .containsExactly(new HasSize(Size.SMALL), new HasColour("red"), new IsConcept("car"));
    }

    @Test
    void aGenericNounNamesNoConcept() throws Exception {
        assertThat(parse("all blue objects").conditions()).containsExactly(new HasColour("blue"));
    }

    @Test
    void colourSynonymsMapToTheTableWord() throws Exception {
        assertThat(parse("the pink one").conditions()).containsExactly(new HasColour("magenta"));
        assertThat(parse("a gray thing").conditions()).containsExactly(new HasColour("grey"));
    }

    @Test
    void aMultiWordNounIsOneConcept() throws Exception {
        assertThat(parse("the traffic light").conditions()).containsExactly(new IsConcept("traffic light"));
    }

    @Test
    void aSuperlativeOrdersAndKeepsOne() throws Exception {
        Selection s = parse("the leftmost red disc");
        assertThat(s.ordering()).isEqualTo(new Ordering(Order.LEFTMOST, null));
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.conditions()).containsExactly(new HasColour("red"), new IsConcept("disc"));
    }

    @Test
    void everySuperlativeWordIsAnOrdering() throws Exception {
        assertThat(parse("the rightmost car").ordering().order()).isEqualTo(Order.RIGHTMOST);
        assertThat(parse("the topmost car").ordering().order()).isEqualTo(Order.TOPMOST);
        assertThat(parse("the bottom-most car").ordering().order()).isEqualTo(Order.BOTTOMMOST);
        assertThat(parse("the bottommost car").ordering().order()).isEqualTo(Order.BOTTOMMOST);
        assertThat(parse("the largest car").ordering().order()).isEqualTo(Order.LARGEST);
        assertThat(parse("the smallest car").ordering().order()).isEqualTo(Order.SMALLEST);
    }

    @Test
    void aCountBeforeASuperlativeKeepsThatMany() throws Exception {
        Selection s = parse("the two largest cars");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.ordering().order()).isEqualTo(Order.LARGEST);
        assertThat(s.conditions()).containsExactly(new IsConcept("cars"));
        assertThat(parse("the 3 smallest").count()).isEqualTo(3);
    }

    @Test
    void anOrdinalFromASideRanksFromThatSide() throws Exception {
        Selection s = parse("the third from the left");
        assertThat(s.ordinal()).isEqualTo(3);
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.ordering().order()).isEqualTo(Order.LEFTMOST);
        assertThat(s.conditions()).isEmpty();
        assertThat(parse("the 2nd person from the top").ordinal()).isEqualTo(2);
        assertThat(parse("the second largest car").ordinal()).isEqualTo(2);
    }

    @Test
    void nearestToAnotherConceptTakesAReferencePhrase() throws Exception {
        Selection s = parse("the person nearest the van");
        assertThat(s.conditions()).containsExactly(new IsConcept("person"));
        Selection van = new Selection(0, 1, null, List.of(new IsConcept("van")));
        assertThat(s.ordering()).isEqualTo(new Ordering(Order.NEAREST, new ObjectReference(van)));
    }

    @Test
    void farthestFromAPointTakesCoordinates() throws Exception {
        assertThat(parse("the cup farthest from (120, 80.5)").ordering())
                .isEqualTo(new Ordering(Order.FARTHEST, new PointReference(120, 80.5)));
        assertThat(parse("the nearest cup to the point (1, 2)").ordering())
                .isEqualTo(new Ordering(Order.NEAREST, new PointReference(1, 2)));
    }

    @Test
    void relationsTakeAnObjectOrAPoint() throws Exception {
        Selection blue = new Selection(0, 1, null, List.of(new HasColour("blue")));
        assertThat(parse("the red object left of the blue object").conditions())
                .contains(new Related(Relation.LEFT_OF, new ObjectReference(blue)));
        assertThat(parse("cars to the right of (100, 0)").conditions())
                .contains(new Related(Relation.RIGHT_OF, new PointReference(100, 0)));
        assertThat(relation("cups above the table")).isEqualTo(Relation.ABOVE);
        assertThat(relation("cups below the table")).isEqualTo(Relation.BELOW);
        assertThat(relation("cups inside the box")).isEqualTo(Relation.INSIDE);
        assertThat(relation("cups overlapping the box")).isEqualTo(Relation.OVERLAPPING);
        assertThat(relation("cups near the box")).isEqualTo(Relation.NEAR);
        assertThat(relation("cups next to the box")).isEqualTo(Relation.NEAR);
    }

    private static Relation relation(String text) throws InstructionSyntaxException {
        return ((Related) parse(text).conditions().get(1)).relation();
    }

    @Test
    void aReferenceMayBeOrdered() throws Exception {
        Related r = (Related) parse("the car left of the largest truck").conditions().get(1);
        Selection truck = ((ObjectReference) r.reference()).selection();
        assertThat(truck.ordering().order()).isEqualTo(Order.LARGEST);
    }

    @Test
    void motionTermsAreConditions() throws Exception {
        assertThat(parse("the person moving right").conditions()).contains(new Moving(Direction.RIGHT));
        assertThat(parse("people that are moving up").conditions()).contains(new Moving(Direction.UP));
        assertThat(parse("the stationary car").conditions()).containsExactly(new Stationary(), new IsConcept("car"));
    }

    @Test
    void stationaryIsAQualifier() throws Exception {
        assertThat(parse("cars that are stationary").conditions()).contains(new Stationary());
        assertThat(parse("cars not moving").conditions()).contains(new Stationary());
    }

    @Test
    void enteredFirstAndLastAreOrderings() throws Exception {
        assertThat(parse("the car that entered last").ordering().order()).isEqualTo(Order.ENTERED_LAST);
        assertThat(parse("the car that entered first").ordering().order()).isEqualTo(Order.ENTERED_FIRST);
    }

    @Test
    void visibleForReadsSecondsWithTheUnitGluedOrApart() throws Exception {
        assertThat(parse("cars visible for more than 2 s").conditions()).contains(new VisibleFor(true, 2));
        assertThat(parse("cars visible for less than 1.5seconds").conditions()).contains(new VisibleFor(false, 1.5));
        assertThat(parse("cars visible for more than 2s").conditions()).contains(new VisibleFor(true, 2));
    }

    @Test
    void occludedIsACondition() throws Exception {
        assertThat(parse("the ball that was occluded").conditions()).contains(new WasOccluded());
    }

    @Test
    void qualifiersCombineWithAnd() throws Exception {
        assertThat(parse("red cars moving left and visible for more than 1 s").conditions())
                .containsExactly(new HasColour("red"), new IsConcept("cars"), new Moving(Direction.LEFT),
                        new VisibleFor(true, 1));
    }

    @Test
    void anUnknownWordAfterTheNounNamesItsPositionAndTheQualifiersExpected() {
        assertThatThrownBy(() -> parse("the red car moving left quickly"))
                .isInstanceOf(InstructionSyntaxException.class)
                .hasMessageStartingWith("at character 25: expected a qualifier (moving,")
                .hasMessageEndingWith("found 'quickly'");
    }

    @Test
    void aMissingDirectionNamesTheWordsExpected() {
        assertThatThrownBy(() -> parse("the car moving fast"))
                .hasMessage("at character 16: expected a direction (left, right, up, down) after 'moving', found 'fast'");
    }

    @Test
    void aMissingUnitIsNamedAtTheEnd() {
        assertThatThrownBy(() -> parse("cars visible for more than 2"))
                .hasMessage("at character 29: expected a unit of time (s, seconds), found the end of the instruction");
    }

    @Test
    void aCountWithoutOrderingAsksForOne() {
        assertThatThrownBy(() -> parse("the two cars"))
                .hasMessageStartingWith("at character 13: expected an ordering for the count");
    }

    @Test
    void twoOrderingsAreRefused() {
        assertThatThrownBy(() -> parse("the leftmost car that entered last"))
                .hasMessageStartingWith("at character 23: expected one ordering per object (it is already ordered by 'leftmost')");
    }

    @Test
    void anUnfinishedPointNamesTheMissingPart() {
        assertThatThrownBy(() -> parse("the car near (10, 20"))
                .hasMessage("at character 21: expected ')' after the point's y, found the end of the instruction");
    }

    @Test
    void aStrayCharacterIsNamed() {
        assertThatThrownBy(() -> parse("the car; the van"))
                .hasMessage("at character 8: expected a word, a number or one of ( , ), found ';'");
    }

    @Test
    void anEmptyInstructionAsksForAnObject() {
        assertThatThrownBy(() -> parse("  the "))
                .hasMessage("at character 7: expected an object to select, e.g. 'the leftmost red object', "
                        + "found the end of the instruction");
    }

    @Test
    void aRelationWithoutReferenceAsksForOne() {
        assertThatThrownBy(() -> parse("the car left of"))
                .hasMessageStartingWith("at character 16: expected what it refers to");
    }
}
