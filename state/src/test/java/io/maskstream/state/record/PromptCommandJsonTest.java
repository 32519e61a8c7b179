package io.maskstream.state.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Box;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptCommandJsonTest {

    static List<PromptCommand> onePerAction() {
        return List.of(
                PromptCommand.setConcepts("cam-1", List.of("person", "red ball"), null),
                PromptCommand.setConcepts("cam-1", List.of(), 10L),
                PromptCommand.addConcept("cam-1", "dog", 5L),
                PromptCommand.removeConcept("cam-1", "dog", null),
                PromptCommand.addBox("cam-1", new Box(10, 20, 110.5f, 220), "person", null, 120L),
                PromptCommand.addBox("cam-1", new Box(0, 0, 1, 1), null, 3, null),
                PromptCommand.addPoints("cam-1",
                        List.of(new PromptPoint(50, 60, true), new PromptPoint(70.25f, 80, false)), 3, 121L),
                PromptCommand.addPoints("cam-1", List.of(new PromptPoint(1, 2, true)), null, null),
                PromptCommand.removeObject("cam-1", 3, 200L),
                PromptCommand.addExemplar("cam-1", Box.fromXywh(10, 20, 30.5f, 40), true, "person", 9L),
                PromptCommand.addExemplar("cam-1", Box.fromXywh(0, 0, 1, 1), false, null, null),
                PromptCommand.clearExemplars("cam-1", "person", null),
                PromptCommand.clearExemplars("cam-1", null, 4L),
                PromptCommand.addInstruction("cam-1", "the two largest cars", "big", 7L),
                PromptCommand.addInstruction("cam-1", "the leftmost red object", null, null),
                PromptCommand.removeInstruction("cam-1", "big", 9L));
    }

    @Test
    void anInstructionIsWrittenAfterTheOtherArgumentsWithItsName() {
        PromptCommand p = PromptCommand.addInstruction("cam-1", "the person nearest the van", "follow", 3L);
        assertThat(new String(PromptCommandJson.encode(p), StandardCharsets.UTF_8))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-instruction\",\"seq\":3,"
                        + "\"instruction\":\"the person nearest the van\",\"name\":\"follow\"}");
    }

    @Test
    void removeInstructionNeedsAName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> decode("{\"streamId\":\"s\",\"action\":\"remove-instruction\"}"))
                .hasMessageContaining("'name' is missing");
    }

    @Test
    void everyActionRoundTrips() throws Exception {
        for (PromptCommand p : onePerAction()) {
            assertThat(PromptCommandJson.decode(PromptCommandJson.encode(p))).isEqualTo(p);
        }
    }

    @Test
    void decodesTheDocumentedExamples() throws Exception {
        assertThat(decode("{\"streamId\":\"cam-1\",\"action\":\"set-concepts\",\"concepts\":[\"person\",\"red ball\"]}"))
                .isEqualTo(PromptCommand.setConcepts("cam-1", List.of("person", "red ball"), null));
        assertThat(decode("{\"streamId\":\"cam-1\",\"action\":\"add-box\",\"seq\":120,\"box\":[10,20,110,220],\"concept\":\"person\"}"))
                .isEqualTo(PromptCommand.addBox("cam-1", new Box(10, 20, 110, 220), "person", null, 120L));
        assertThat(decode("{\"streamId\":\"cam-1\",\"action\":\"add-points\",\"objectId\":3,"
                        + "\"points\":[[50,60],[70,80]],\"labels\":[\"positive\",\"negative\"]}"))
                .isEqualTo(PromptCommand.addPoints(
                        "cam-1", List.of(new PromptPoint(50, 60, true), new PromptPoint(70, 80, false)), 3, null));
        assertThat(decode("{\"action\":\"remove-object\",\"objectId\":7,\"streamId\":\"cam-1\"}"))
                .isEqualTo(PromptCommand.removeObject("cam-1", 7, null));
    }

    @Test
    void anExemplarBoxIsLeftTopWidthHeightAndItsLabelSaysPositiveOrNegative() throws Exception {
        PromptCommand p = decode("{\"streamId\":\"cam-1\",\"action\":\"add-exemplar\",\"seq\":5,"
                + "\"box\":[10,20,30,40],\"label\":\"negative\"}");
        assertThat(p).isEqualTo(PromptCommand.addExemplar("cam-1", new Box(10, 20, 40, 60), false, null, 5L));
        assertThat(p.exemplarConcept()).isEqualTo(PromptCommand.DEFAULT_IMAGE_CONCEPT).isEqualTo("image:1");
    }

    @Test
    void absentSeqMeansTheNextFrame() throws Exception {
        assertThat(decode("{\"streamId\":\"s\",\"action\":\"add-concept\",\"concept\":\"cat\"}").hasSeq()).isFalse();
    }

    @Test
    void encodingIsCanonical() {
        PromptCommand p = PromptCommand.addBox("cam-1", new Box(10, 20, 110.5f, 220), "person", 4, 120L);
        assertThat(new String(PromptCommandJson.encode(p), StandardCharsets.UTF_8))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-box\",\"seq\":120,"
                        + "\"concept\":\"person\",\"box\":[10.0,20.0,110.5,220.0],\"objectId\":4}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | {"streamId":                                                          | not JSON
            not an object             | [1,2,3]                                                               | expected a JSON object
            trailing garbage          | {"streamId":"s","action":"add-concept","concept":"c"} x               | not JSON
            duplicate field           | {"streamId":"s","streamId":"t","action":"add-concept","concept":"c"}  | not JSON
            missing streamId          | {"action":"add-concept","concept":"c"}                                | 'streamId' is missing
            blank streamId            | {"streamId":"  ","action":"add-concept","concept":"c"}                | 'streamId' is blank
            numeric streamId          | {"streamId":7,"action":"add-concept","concept":"c"}                   | 'streamId': expected a string
            missing action            | {"streamId":"s","concept":"c"}                                        | 'action' is missing
            unknown action            | {"streamId":"s","action":"explode"}                                   | unknown action 'explode'
            unknown field             | {"streamId":"s","action":"add-concept","concept":"c","colour":"red"}  | 'colour' does not belong to add-concept
            argument of another action| {"streamId":"s","action":"add-concept","concept":"c","objectId":1}    | 'objectId' does not belong to add-concept
            missing concept           | {"streamId":"s","action":"remove-concept"}                            | 'concept' is missing
            concepts not an array     | {"streamId":"s","action":"set-concepts","concepts":"person"}          | 'concepts': expected an array
            concept not a string      | {"streamId":"s","action":"set-concepts","concepts":["a",1]}           | 'concepts[1]': expected a string
            duplicate concept         | {"streamId":"s","action":"set-concepts","concepts":["a","a"]}         | 'concepts[1]': duplicate
            missing concepts          | {"streamId":"s","action":"set-concepts"}                              | 'concepts' is missing
            missing box               | {"streamId":"s","action":"add-box"}                                   | 'box' is missing
            box of three              | {"streamId":"s","action":"add-box","box":[1,2,3]}                     | 'box': expected [x1, y1, x2, y2]
            box of strings            | {"streamId":"s","action":"add-box","box":["1",2,3,4]}                 | 'box[0]': expected a number
            inverted box              | {"streamId":"s","action":"add-box","box":[10,10,5,20]}                | 'box': x2 > x1
            infinite box              | {"streamId":"s","action":"add-box","box":[0,0,1e300,20]}              | 'box[2]': not a finite float
            missing points            | {"streamId":"s","action":"add-points","labels":["positive"]}          | 'points' is missing
            empty points              | {"streamId":"s","action":"add-points","points":[],"labels":[]}        | 'points': expected a non-empty array
            missing labels            | {"streamId":"s","action":"add-points","points":[[1,2]]}               | 'labels' is missing
            labels of other length    | {"streamId":"s","action":"add-points","points":[[1,2]],"labels":[]}   | 'labels': expected one
            bad label                 | {"streamId":"s","action":"add-points","points":[[1,2]],"labels":[1]}  | 'labels[0]': expected "positive"
            point of three            | {"streamId":"s","action":"add-points","points":[[1,2,3]],"labels":["positive"]} | 'points[0]': expected [x, y]
            missing objectId          | {"streamId":"s","action":"remove-object"}                             | 'objectId' is missing
            fractional objectId       | {"streamId":"s","action":"remove-object","objectId":1.5}              | 'objectId': expected a non-negative integer
            negative objectId         | {"streamId":"s","action":"remove-object","objectId":-1}               | 'objectId': must not be negative
            huge objectId             | {"streamId":"s","action":"remove-object","objectId":9999999999}       | 'objectId': out of range
            string seq                | {"streamId":"s","action":"add-concept","concept":"c","seq":"5"}       | 'seq': expected a non-negative integer
            negative seq              | {"streamId":"s","action":"add-concept","concept":"c","seq":-5}        | 'seq': must not be negative
            exemplar without label    | {"streamId":"s","action":"add-exemplar","box":[1,2,3,4]}              | 'label': expected "positive" or "negative", got nothing
            exemplar without area     | {"streamId":"s","action":"add-exemplar","box":[1,2,0,4],"label":"positive"} | 'box': w > 0 and h > 0
            exemplar with objectId    | {"streamId":"s","action":"add-exemplar","box":[1,2,3,4],"label":"positive","objectId":1} | 'objectId' does not belong to add-exemplar
            deeply nested             | {"streamId":"s","action":"set-concepts","concepts":[[[[[[[[[[1]]]]]]]]]]} | not JSON
            """)
    void rejectsWithAMessageNamingTheProblem(String name, String json, String message) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_PROMPT))
                .hasMessageContaining(message);
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThatThrownBy(() -> PromptCommandJson.decode(new byte[0]))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PromptCommandJson.decode(null)).isInstanceOf(RecordRejectedException.class);
    }

    @Test
    void rejectsARecordLargerThanTheBound() {
        String big = "{\"streamId\":\"s\",\"action\":\"add-concept\",\"concept\":\"" + "x".repeat(PromptCommandJson.MAX_PROMPT_BYTES) + "\"}";
        assertThatThrownBy(() -> decode(big))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_PROMPT))
                .hasMessageContaining("limit " + PromptCommandJson.MAX_PROMPT_BYTES);
    }

    @Test
    void rejectsTooManyConcepts() {
        StringBuilder s = new StringBuilder("{\"streamId\":\"s\",\"action\":\"set-concepts\",\"concepts\":[");
        for (int i = 0; i <= PromptCommandJson.MAX_CONCEPTS; i++) {
            s.append(i == 0 ? "" : ",").append("\"c").append(i).append('"');
        }
        s.append("]}");
        assertThatThrownBy(() -> decode(s.toString())).hasMessageContaining("limit " + PromptCommandJson.MAX_CONCEPTS);
    }

    private static PromptCommand decode(String json) throws RecordRejectedException {
        return PromptCommandJson.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
