package io.maskstream.pipeline.cli;

import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.pipeline.quality.InstructionQuality;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.quality.ExemplarStudy;
import io.maskstream.pipeline.quality.QualityReport;
import io.maskstream.pipeline.quality.QualityResult;
import io.maskstream.pipeline.quality.QualitySuite;
import io.maskstream.pipeline.quality.QualityVariant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maskstream quality}: the scenario quality suite, written to QUALITY.md. */
@Command(
        name = "quality",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the tracker on every synthetic scenario.",
            "Tracks every synthetic scenario with the reference models (the job's own per-stream path, fed with",
            "JPEG frame records), scores it against ground truth (HOTA, DetA, AssA, IDF1, IDSW, mask IoU) with the",
            "paper and sam3-release presets, optionally ablates the rules, and writes the tables into --out",
            "(between generated-block markers; the rest of the file is kept)."
        })
public class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "all|a,b,c",
            description = "Scenarios to run, comma-separated, or 'all'. Default: ${DEFAULT-VALUE}.")
    String scenarios;

    @Option(names = "--ablate", description = "Also run the paper preset with each rule switched off in turn.")
    boolean ablate;

    @Option(names = "--frames", defaultValue = "0", paramLabel = "N",
            description = "Frames per scenario; 0 = each scenario's default length. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (one model bundle each). Default: the number of cores.")
    Integer threads;

    @Option(names = "--out", defaultValue = "QUALITY.md", paramLabel = "FILE",
            description = "The Markdown report to write or update. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A configuration setting for every run (before the variant's own), e.g. model.dir=...")
    List<String> settings = new ArrayList<>();

    @Option(names = "--masklets-dir", paramLabel = "DIR",
            description = "Also write each run's masklet frames as DIR/SCENARIO.VARIANT.jsonl (for 'maskstream render').")
    Path maskletsDir;

    @Option(names = "--instructions", description = "Instead of the tracking suite: score the instruction set "
            + "(docs/instructions.md) against the scenes' ground truth and write the Instructions block of --out.")
    boolean instructions;

    @Option(names = "--exemplars", description = "Instead: SAM 3's interactive exemplar study (0, 1, 2, 4 exemplars "
            + "added by a simulated annotator, text + image and image only) on --scenarios; prints its table.")
    boolean exemplars;

    public QualityCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (instructions) {
            return instructions(o);
        }
        List<String> names;
        try {
            names = scenarioNames(scenarios);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("quality: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        if (exemplars) {
            return exemplarStudy(names, o);
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<QualityVariant> variants = QualitySuite.variants(ablate);
        QualitySuite.Settings s = new QualitySuite.Settings(names, frames, variants, workers, settings, maskletsDir);
        o.printf("quality: %d scenarios x %d variants on %d threads%n", names.size(), variants.size(), workers);
        o.flush();
        long start = System.nanoTime();
        List<QualityResult> results = QualitySuite.run(s, r -> {
            o.printf(Locale.ROOT, "  %-12s %-28s HOTA %.3f  IDF1 %.3f  IDSW %3d  ids %3d  (%.1f s)%n", r.scenario(),
                    r.variant(), r.report().hota(), r.report().idf1(), r.report().idsw(), r.report().predIds(), r.seconds());
            o.flush();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        String command = command(spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs());
        QualityReport.Provenance p = new QualityReport.Provenance(LocalDate.now().toString(), machine(), command,
                seconds, workers);
        String block = QualityReport.render(results, variants, p);
        String existing = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
        Files.writeString(out, QualityReport.merge(existing, block, "Tracking quality on the synthetic scenarios"),
                StandardCharsets.UTF_8);
        o.printf(Locale.ROOT, "quality: wrote %s in %.0f s%n", out, seconds);
        o.flush();
        return 0;
    }

    private int instructions(PrintWriter o) throws Exception {
        List<String> withKit = new ArrayList<>(List.of("model.kit=" + io.maskstream.kit.reference.ReferenceKit.NAME));
        withKit.addAll(settings);
        org.apache.flink.configuration.Configuration conf = io.maskstream.pipeline.config.MaskstreamConfig.load(null, withKit);
        double hysteresis = conf.get(io.maskstream.operators.flink.StreamOptions.INSTRUCTION_HYSTERESIS);
        o.printf("quality: %d instructions over the synthetic scenarios%n", InstructionQuality.cases().size());
        o.flush();
        long start = System.nanoTime();
        List<InstructionQuality.CaseResult> results;
        try (io.maskstream.operators.inference.ModelKit models = io.maskstream.operators.inference.ModelKits.open(conf)) {
            results = InstructionQuality.run(models, io.maskstream.operators.tracking.TrackerOptions.from(conf), hysteresis,
                    line -> {
                        o.println(line);
                        o.flush();
                    });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String command = command(spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs());
        String block = InstructionQuality.render(results,
                new QualityReport.Provenance(LocalDate.now().toString(), machine(), command, seconds, 1), hysteresis);
        String existing = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
        Files.writeString(out, InstructionQuality.merge(existing, block), StandardCharsets.UTF_8);
        o.printf(Locale.ROOT, "quality: wrote the Instructions block of %s in %.0f s%n", out, seconds);
        return 0;
    }

    private int exemplarStudy(List<String> names, PrintWriter o) throws Exception {
        long start = System.nanoTime();
        List<String> withKit = new ArrayList<>(List.of("model.kit=" + io.maskstream.kit.reference.ReferenceKit.NAME));
        withKit.addAll(settings);
        org.apache.flink.configuration.Configuration conf = MaskstreamConfig.load(null, withKit);
        List<ExemplarStudy.Run> runs;
        try (io.maskstream.operators.inference.ModelKit models = io.maskstream.operators.inference.ModelKits.open(conf)) {
            runs = ExemplarStudy.run(models, TrackerOptions.from(conf), names, frames, r -> {
                o.printf(Locale.ROOT, "  %-12s %-8s %-12s %d  HOTA %.3f  TP %4d FP %4d FN %4d  %s%n", r.scenario(),
                        r.concept(), r.text() ? "text+image" : "image only", r.exemplars(), r.report().hota(),
                        r.report().clrTp(), r.report().clrFp(), r.report().clrFn(), r.lastExemplar());
                o.flush();
            });
        }
        o.print(ExemplarStudy.table(runs));
        o.printf(Locale.ROOT, "quality --exemplars: %d runs reported in %.0f s%n", runs.size(),
                (System.nanoTime() - start) / 1e9);
        o.flush();
        return 0;
    }

    /** The command line as typed: the launcher, then the arguments from the subcommand's name on. */
    static String command(List<String> originalArgs) {
        int at = originalArgs.indexOf("quality");
        List<String> args = at < 0 ? originalArgs : originalArgs.subList(at + 1, originalArgs.size());
        return ("./maskstream quality " + String.join(" ", args)).strip();
    }

    static List<String> scenarioNames(String spec) {
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("all")) {
            return Scenarios.names();
        }
        List<String> out = new ArrayList<>();
        for (String n : spec.split(",")) {
            String name = n.strip().toLowerCase(Locale.ROOT);
            if (!Scenarios.names().contains(name)) {
                throw new IllegalArgumentException("unknown scenario '" + n.strip() + "'; known: " + Scenarios.names());
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** CPU model, cores, memory, OS and Java version. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest still says enough
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s, %d cores, %s %s (%s), Java %s, max heap %d MiB", cpu,
                rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), System.getProperty("java.version"), rt.maxMemory() >> 20);
    }
}
