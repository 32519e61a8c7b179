package io.maskstream.operators.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A miniature CLIP-style HuggingFace {@code tokenizer.json}, written by the tests: byte-level BPE with the
 * {@code </w>} end-of-word suffix, NFC + whitespace-collapse + lower-case normaliser, CLIP's split of words,
 * single digits and punctuation runs, and a post-processor adding {@code <|startoftext|>} and
 * {@code <|endoftext|>}. The vocabulary is small enough to compute ids by hand:
 * <pre>
 *   0..25   a..z            (inside a word)
 *   26..51  a&lt;/w&gt;..z&lt;/w&gt;  (last letter of a word)
 *   52 gr  53 gre  54 gree  55 green&lt;/w&gt;  56 re  57 red&lt;/w&gt;  58 bl  59 blu  60 blue&lt;/w&gt;
 *   61 ca  62 car&lt;/w&gt;  63 ,  64 ,&lt;/w&gt;  65 &lt;|startoftext|&gt;  66 &lt;|endoftext|&gt;
 * </pre>
 * Merges in priority order: g r, gr e, gre e, gree n&lt;/w&gt;, r e, re d&lt;/w&gt;, b l, bl u, blu e&lt;/w&gt;, c a,
 * ca r&lt;/w&gt;.
 */
final class ClipTokenizerJson {
    static final int RED = 57;
    static final int GREEN = 55;
    static final int BLUE = 60;
    static final int CAR = 62;
    static final int COMMA = 64;
    static final int START = 65;
    static final int END = 66;
    static final int VOCABULARY_SIZE = 67;

    private static final List<String> MERGES = List.of("g r", "gr e", "gre e", "gree n</w>", "r e", "re d</w>",
            "b l", "bl u", "blu e</w>", "c a", "ca r</w>");
    private static final List<String> MERGED = List.of("gr", "gre", "gree", "green</w>", "re", "red</w>", "bl",
            "blu", "blue</w>", "ca", "car</w>", ",", ",</w>");

    private ClipTokenizerJson() {}

    /** Id of letter {@code c} inside a word, or at its end. */
    static int letter(char c, boolean last) {
        return (c - 'a') + (last ? 26 : 0);
    }

    static ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        added.add(special(m, START, "<|startoftext|>"));
        added.add(special(m, END, "<|endoftext|>"));

        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode norms = normalizer.putArray("normalizers");
        norms.addObject().put("type", "NFC");
        ObjectNode replace = norms.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        norms.addObject().put("type", "Lowercase");

        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode pres = pre.putArray("pretokenizers");
        ObjectNode split = pres.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d"
                + "|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+");
        split.put("behavior", "Removed");
        split.put("invert", true);
        ObjectNode byteLevel = pres.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false);

        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add("<|endoftext|>").add(END);
        post.putArray("cls").add("<|startoftext|>").add(START);
        post.put("trim_offsets", false);
        post.put("add_prefix_space", false);

        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", "<|endoftext|>");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (Map.Entry<String, Integer> e : vocabulary().entrySet()) {
            vocab.put(e.getKey(), e.getValue());
        }
        ArrayNode merges = model.putArray("merges");
        MERGES.forEach(merges::add);
        return root;
    }

    static Map<String, Integer> vocabulary() {
        Map<String, Integer> v = new LinkedHashMap<>();
        for (char c = 'a'; c <= 'z'; c++) {
            v.put(String.valueOf(c), letter(c, false));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            v.put(c + "</w>", letter(c, true));
        }
        int id = 52;
        for (String t : MERGED) {
            v.put(t, id++);
        }
        v.put("<|startoftext|>", START);
        v.put("<|endoftext|>", END);
        return v;
    }

    static Path write(Path dir, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json()));
        return file;
    }

    private static ObjectNode special(ObjectMapper m, int id, String content) {
        ObjectNode t = m.createObjectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", true);
        t.put("special", true);
        return t;
    }
}
