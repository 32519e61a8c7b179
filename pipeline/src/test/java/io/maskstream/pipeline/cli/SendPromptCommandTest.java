package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.record.PromptCommandJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SendPromptCommandTest {
    @Test
    void aConceptIsAnAddConcept() {
        assertThat(json("--stream-id", "cam-1", "--concept", "red"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-concept\",\"concept\":\"red\"}");
    }

    @Test
    void aBoxGivenAsLeftTopWidthHeightIsSentAsCorners() {
        assertThat(json("--stream-id", "cam-1", "--box", "10,20,100,200", "--seq", "120"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-box\",\"seq\":120,\"box\":[10.0,20.0,110.0,220.0]}");
    }

    @Test
    void pointsCarryTheirSignsAsLabelsAndMayRefineAnObject() {
        assertThat(json("--stream-id", "cam-1", "--points", "50,60,+", "70.5,80,-", "--object-id", "3"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-points\",\"points\":[[50.0,60.0],[70.5,80.0]],"
                        + "\"labels\":[\"positive\",\"negative\"],\"objectId\":3}");
    }

    @Test
    void removeIsARemoveObject() {
        assertThat(json("--stream-id", "cam-1", "--remove", "3", "--seq", "200"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"remove-object\",\"seq\":200,\"objectId\":3}");
    }

    @Test
    void aBoxWithoutAreaIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--box", "10,20,0,5"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--box width and height must be positive, got '10,20,0,5'");
    }

    @Test
    void aBoxWithThreeNumbersIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--box", "10,20,30"))
                .hasMessage("--box expects x,y,w,h, got '10,20,30'");
    }

    @Test
    void aClickWithoutSignIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--points", "50,60"))
                .hasMessage("--points expects x,y,+ or x,y,- (+ on the object, - on the background), got '50,60'");
    }

    @Test
    void aClickThatIsNotANumberIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--points", "5x,60,+"))
                .hasMessage("--points expects numbers as x,y,+|-, got '5x,60'");
    }

    @Test
    void twoActionsAreAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SendPromptCommand()).setErr(new PrintWriter(err)).execute(
                "--bootstrap", "127.0.0.1:1", "--stream-id", "cam-1", "--box", "1,2,3,4", "--remove", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anExemplarIsSentAsLeftTopWidthHeightWithItsLabelAndConcept() {
        assertThat(json("--stream-id", "cam-1", "--exemplar", "40,30,80,60,-", "--concept", "person", "--seq", "7"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-exemplar\",\"seq\":7,\"concept\":\"person\","
                        + "\"box\":[40.0,30.0,80.0,60.0],\"label\":\"negative\"}");
    }

    @Test
    void anExemplarWithoutSignIsPositiveAndWithoutConceptNamesNone() {
        assertThat(json("--stream-id", "cam-1", "--exemplar", "1,2,3,4"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-exemplar\",\"box\":[1.0,2.0,3.0,4.0],"
                        + "\"label\":\"positive\"}");
    }

    @Test
    void clearExemplarsTakesAnOptionalConcept() {
        assertThat(json("--stream-id", "cam-1", "--clear-exemplars", "--concept", "person"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"clear-exemplars\",\"concept\":\"person\"}");
        assertThat(json("--stream-id", "cam-1", "--clear-exemplars"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"clear-exemplars\"}");
    }

    @Test
    void anExemplarWithAWrongSignIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--exemplar", "1,2,3,4,x"))
                .hasMessage("--exemplar expects x,y,w,h[,+|-], got '1,2,3,4,x'");
    }

    @Test
    void aConceptWithAnObjectActionIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--concept", "red", "--remove", "1"))
                .hasMessage("--concept goes alone, or with --exemplar or --clear-exemplars");
    }

    @Test
    void anObjectIdWithAConceptIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--concept", "red", "--object-id", "2"))
                .hasMessage("--object-id goes with --box or --points");
    }

    @Test
    void aBlankStreamIdIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", " ", "--concept", "red"))
                .hasMessage("--stream-id must not be blank");
    }

    @Test
    void anInstructionWithANameIsAnAddInstruction() {
        assertThat(json("--stream-id", "cam-1", "--instruction", "the leftmost red object", "--name", "left"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"add-instruction\","
                        + "\"instruction\":\"the leftmost red object\",\"name\":\"left\"}");
    }

    @Test
    void removeInstructionNamesTheInstruction() {
        assertThat(json("--stream-id", "cam-1", "--remove-instruction", "left", "--seq", "9"))
                .isEqualTo("{\"streamId\":\"cam-1\",\"action\":\"remove-instruction\",\"seq\":9,\"name\":\"left\"}");
    }

    @Test
    void anInstructionThatDoesNotParseIsAUsageErrorNamingThePosition() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--instruction", "the car moving fast"))
                .hasMessage("--instruction 'the car moving fast': at character 16: expected a direction "
                        + "(left, right, up, down) after 'moving', found 'fast'");
    }

    @Test
    void aNameWithoutInstructionIsAUsageError() {
        assertThatThrownBy(() -> json("--stream-id", "cam-1", "--concept", "red", "--name", "x"))
                .hasMessage("--name goes with --instruction");
    }

    private static String json(String... args) {
        SendPromptCommand command = new SendPromptCommand();
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap";
        all[1] = "127.0.0.1:9092";
        System.arraycopy(args, 0, all, 2, args.length);
        new CommandLine(command).parseArgs(all);
        return new String(PromptCommandJson.encode(command.prompt()), StandardCharsets.UTF_8);
    }
}
