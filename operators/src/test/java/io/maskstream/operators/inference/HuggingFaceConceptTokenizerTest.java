package io.maskstream.operators.inference;

import static io.maskstream.operators.inference.ClipTokenizerJson.BLUE;
import static io.maskstream.operators.inference.ClipTokenizerJson.CAR;
import static io.maskstream.operators.inference.ClipTokenizerJson.COMMA;
import static io.maskstream.operators.inference.ClipTokenizerJson.END;
import static io.maskstream.operators.inference.ClipTokenizerJson.GREEN;
import static io.maskstream.operators.inference.ClipTokenizerJson.RED;
import static io.maskstream.operators.inference.ClipTokenizerJson.START;
import static io.maskstream.operators.inference.ClipTokenizerJson.letter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code huggingface} tokenizer kind on a hand-made CLIP-style tokenizer.json (see {@link ClipTokenizerJson}
 * for the vocabulary): ids and attention masks as SAM 3's text encoder takes them — start token, BPE tokens, end
 * token, then padding with the end-of-text token and attention 0 up to the context of 32.
 */
class HuggingFaceConceptTokenizerTest {
    private static final int CONTEXT = 32;

    @TempDir
    Path dir;
    private ConceptTokenizer tokenizer;

    @BeforeEach
    void open() throws Exception {
        ClipTokenizerJson.write(dir, "tokenizer.json");
        tokenizer = ConceptTokenizer.open(spec("tokenizer.json", null), dir);
    }

    @AfterEach
    void close() {
        tokenizer.close();
    }

    static ModelManifest.TokenizerSpec spec(String file, String padToken) {
        return new ModelManifest.TokenizerSpec("huggingface", CONTEXT, false, Map.of(), 0, 0, 0, file, padToken);
    }

    /** The expected ids (real tokens, then the end token as padding) and attention (1 per real token). */
    private static ConceptTokenizer.Tokens expected(int... real) {
        long[] ids = new long[CONTEXT];
        long[] attention = new long[CONTEXT];
        Arrays.fill(ids, END);
        for (int i = 0; i < real.length; i++) {
            ids[i] = real[i];
            attention[i] = 1;
        }
        return new ConceptTokenizer.Tokens(ids, attention);
    }

    private void assertTokens(String concept, int... real) {
        ConceptTokenizer.Tokens actual = tokenizer.tokenize(concept);
        ConceptTokenizer.Tokens want = expected(real);
        assertThat(actual.ids()).as("ids of '%s'", concept).containsExactly(want.ids());
        assertThat(actual.attention()).as("attention of '%s'", concept).containsExactly(want.attention());
    }

    @Test
    void knowsNoFixedConcepts_anyTextIsAConcept() {
        assertThat(tokenizer.knownConcepts()).isEmpty();
    }

    @Test
    void oneWordIsWrappedInStartAndEndTokensAndPaddedWithTheEndToken() {
        assertTokens("red", START, RED, END);
    }

    @Test
    void textIsLowerCasedAndWhitespaceCollapsedByTheTokenizersNormaliser() {
        assertTokens("  Red \t CAR ", START, RED, CAR, END);
    }

    @Test
    void mergesApplyInPriorityOrderAndPunctuationIsAWordOfItsOwn() {
        assertTokens("green, blue", START, GREEN, COMMA, BLUE, END);
    }

    @Test
    void aWordWithoutMergesFallsApartIntoLettersWithTheEndOfWordSuffixOnTheLast() {
        assertTokens("bed", START, letter('b', false), letter('e', false), letter('d', true), END);
    }

    @Test
    void aPromptLongerThanTheContextKeepsTheStartAndEndTokensAndDropsTheTail() {
        ConceptTokenizer.Tokens t = tokenizer.tokenize("red ".repeat(40) + "car");
        int[] real = new int[CONTEXT];
        Arrays.fill(real, RED);
        real[0] = START;
        real[CONTEXT - 1] = END;
        assertThat(t.ids()).containsExactly(expected(real).ids());
        assertThat(t.attention()).containsOnly(1L).hasSize(CONTEXT);
    }

    @Test
    void aPromptThatExactlyFillsTheContextIsNotTruncated() {
        ConceptTokenizer.Tokens t = tokenizer.tokenize("red ".repeat(CONTEXT - 3) + "car");
        assertThat(t.ids()[CONTEXT - 2]).isEqualTo(CAR);
        assertThat(t.ids()[CONTEXT - 1]).isEqualTo(END);
        assertThat(t.attention()).containsOnly(1L);
    }

    @Test
    void aNamedPadTokenPadsInsteadOfTheEndToken() throws Exception {
        try (ConceptTokenizer withPad = ConceptTokenizer.open(spec("tokenizer.json", ","), dir)) {
            ConceptTokenizer.Tokens t = withPad.tokenize("red");
            assertThat(Arrays.copyOf(t.ids(), 4)).containsExactly(START, RED, END, 63);
            assertThat(t.ids()[CONTEXT - 1]).isEqualTo(63);
            assertThat(Arrays.stream(t.attention()).sum()).isEqualTo(3);
        }
    }

    @Test
    void anEmptyConceptIsUnknown() {
        assertThatThrownBy(() -> tokenizer.tokenize("  ")).isInstanceOf(UnknownConceptException.class);
    }

    @Test
    void aMissingFileIsNamedWithItsField() {
        assertThatThrownBy(() -> ConceptTokenizer.open(spec("clip.json", null), dir))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.conceptEncoder.tokenizer.file: clip.json not found in " + dir);
    }

    @Test
    void aFileThatIsNotJsonIsNamedWithItsField() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        assertThatThrownBy(() -> ConceptTokenizer.open(spec("broken.json", null), dir))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageStartingWith("model.json: roles.conceptEncoder.tokenizer.file: broken.json is not valid JSON");
    }

    @Test
    void aTokenizerWithoutPostProcessorIsRejectedBecauseItAddsNoStartAndEndTokens() throws Exception {
        ObjectNode json = ClipTokenizerJson.json();
        json.putNull("post_processor");
        Files.writeString(dir.resolve("plain.json"), new ObjectMapper().writeValueAsString(json));
        assertThatThrownBy(() -> ConceptTokenizer.open(spec("plain.json", null), dir))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("roles.conceptEncoder.tokenizer.file: plain.json has no \"post_processor\"");
    }

    @Test
    void aPadTokenOutsideTheVocabularyIsNamedWithItsField() {
        assertThatThrownBy(() -> ConceptTokenizer.open(spec("tokenizer.json", "[PAD]"), dir))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessage("model.json: roles.conceptEncoder.tokenizer.padToken: pad token '[PAD]' is not a token of "
                        + "tokenizer.json (neither in added_tokens nor in model.vocab)");
    }

    @Test
    void aModelTheLibraryCannotReadIsNamedWithItsField() throws Exception {
        ObjectNode json = ClipTokenizerJson.json();
        ((ObjectNode) json.get("model")).put("type", "NoSuchModel");
        Files.writeString(dir.resolve("odd.json"), new ObjectMapper().writeValueAsString(json));
        assertThatThrownBy(() -> ConceptTokenizer.open(spec("odd.json", null), dir))
                .isInstanceOf(ModelDirectoryException.class)
                .hasMessageStartingWith("model.json: roles.conceptEncoder.tokenizer.file: odd.json cannot be loaded by "
                        + "the HuggingFace tokenizers library");
    }
}
