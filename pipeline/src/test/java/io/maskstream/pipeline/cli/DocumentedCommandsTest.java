package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.pipeline.config.MaskstreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every {@code ./maskstream ...} command written in README.md and the docs parses against the real
 * command line: the subcommand exists, every option exists and takes the value given, every
 * {@code --set} key is a configuration key, and every file the command names in the repository is
 * there. Commands in prose ({@code `./maskstream ...`} inline) and synopses (with {@code [optional]}
 * parts, {@code a|b} choices or PLACEHOLDERS) are checked for their subcommand only. A renamed option or key fails here instead of in a user's terminal.
 */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INLINE = Pattern.compile("`(\\./maskstream [^`]+)`");

    /** A command as written, with the file and line it is on. */
    record Documented(String file, int line, String command, boolean inProse) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + command;
        }
    }

    static List<Documented> commands() throws IOException {
        List<Documented> found = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                String file = ROOT.relativize(doc).toString();
                if (inCode) {
                    String code = line.strip();
                    int start = code.indexOf("./maskstream ");
                    if (start < 0 || code.startsWith("#")) {
                        continue;
                    }
                    StringBuilder command = new StringBuilder(code.substring(start));
                    int first = i;
                    while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                        command.setLength(command.length() - 1);
                        command.append(' ').append(lines.get(++i).strip());
                    }
                    found.add(new Documented(file, first + 1, withoutComment(command.toString()), false));
                } else {
                    Matcher m = INLINE.matcher(line);
                    while (m.find()) {
                        found.add(new Documented(file, i + 1, m.group(1), true));
                    }
                }
            }
        }
        return found;
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        for (String top : List.of("README.md", "BENCHMARKS.md", "QUALITY.md", "RELIABILITY.md")) {
            if (Files.isRegularFile(ROOT.resolve(top))) {
                docs.add(ROOT.resolve(top));
            }
        }
        for (String dir : List.of("docs", "deploy", "samples", "operators/coco-kit")) {
            if (Files.isDirectory(ROOT.resolve(dir))) {
                try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                    s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).sorted()
                            .forEach(docs::add);
                }
            }
        }
        return docs;
    }

    private static String withoutComment(String command) {
        int hash = command.indexOf(" #");
        return (hash < 0 ? command : command.substring(0, hash)).strip();
    }

    @Test
    void theDocsShowCommands() throws IOException {
        assertThat(commands()).hasSizeGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parsesAgainstTheCommandLine(Documented doc) {
        List<String> args = words(doc.command());
        assertThat(args.get(0)).isEqualTo("./maskstream");
        args = args.subList(1, args.size());
        CommandLine cli = MaskstreamCli.commandLine();
        if (doc.inProse() || isSynopsis(doc.command())) {
            String sub = args.get(0);
            assertThat(sub.startsWith("-") || cli.getSubcommands().containsKey(sub))
                    .as("%s: no subcommand '%s'", doc, sub).isTrue();
            return;
        }
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(doc + ": " + e.getMessage(), e);
        }
        java.util.Set<String> keys = MaskstreamConfig.schema().knownOptions().keySet();
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--set")) {
                List<String> sets = p.matchedOptionValue("--set", List.of());
                for (String set : sets) {
                    String key = set.substring(0, Math.max(0, set.indexOf('=')));
                    boolean passThrough = io.maskstream.pipeline.config.JobConfig.PASS_THROUGH_PREFIXES.stream()
                            .anyMatch(key::startsWith);
                    assertThat(passThrough || keys.contains(key))
                            .as("%s: --set %s is no configuration key", doc, key).isTrue();
                }
            }
            if (p.hasMatchedOption("--config")) {
                Object config = p.matchedOptionValue("--config", null);
                Path file = ROOT.resolve(String.valueOf(config));
                assertThat(file).as("%s: --config names a file the repository does not have", doc).isRegularFile();
            }
        }
    }

    /** A usage line, not a command to paste: optional parts, choices or placeholders in capitals. */
    private static boolean isSynopsis(String command) {
        return command.contains("[") || command.contains("|") || command.contains("…") || command.contains("...")
                || command.contains("<") || command.contains("$")
                || Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b").matcher(command).find();
    }

    /** Splits a shell line into words: single and double quotes group, a backslash escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if (c == ';' && inWord) {
                throw new AssertionError("an unquoted ';' inside a word splits the command in a shell: " + line);
            } else if (c == ';' || c == '&' || c == '>' || c == '|') {
                break; // the next shell command, a pipe or a redirection: not part of this one
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void anUnquotedSemicolonInsideAWordIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> words("./maskstream run --set stream.default-concepts=red;blue"))
                .hasMessageContaining("unquoted ';'");
        assertThat(words("./maskstream run --set 'stream.default-concepts=red;blue'"))
                .containsExactly("./maskstream", "run", "--set", "stream.default-concepts=red;blue");
    }

    static {
        if (!Files.isRegularFile(ROOT.resolve("README.md"))) {
            throw new UncheckedIOException(new IOException("tests run in the pipeline module directory; no ../README.md"));
        }
    }
}
