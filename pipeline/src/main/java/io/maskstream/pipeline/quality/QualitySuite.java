package io.maskstream.pipeline.quality;

import io.maskstream.connectors.results.MaskletsJsonLines;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.kit.reference.ReferenceKit;
import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.pipeline.config.MaskstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;

/**
 * The scenario quality suite: every (scenario, variant) pair tracked with the reference models and
 * scored against ground truth. Pairs run in parallel on {@code threads} workers, each with its own
 * {@link ModelKit} (a kit is not thread-safe); ONNX Runtime uses one thread per call, so the
 * pool size is the number of cores in use. Results do not depend on the number of threads.
 */
public final class QualitySuite {

    /**
     * What to run.
     *
     * @param scenarios scenario names, in report order
     * @param frames frames per scenario; 0 means each scenario's default length
     * @param variants tracker configurations, in report order
     * @param threads worker threads (each holds one model bundle)
     * @param extraSettings {@code key=value} settings applied to every run before the variant's own
     * @param maskletsDir where to write each run's masklet frames as JSON lines
     *     ({@code SCENARIO.VARIANT.jsonl}, for {@code maskstream render}), or null
     */
    public record Settings(List<String> scenarios, int frames, List<QualityVariant> variants, int threads,
                           List<String> extraSettings, Path maskletsDir) {
        public Settings {
            scenarios = List.copyOf(scenarios);
            variants = List.copyOf(variants);
            extraSettings = List.copyOf(extraSettings);
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (frames < 0) {
                throw new IllegalArgumentException("frames must be at least 0, got " + frames);
            }
        }
    }

    private QualitySuite() {}

    /** The variants of a run: both presets, and with {@code ablate} the paper preset's ablation too. */
    public static List<QualityVariant> variants(boolean ablate) {
        List<QualityVariant> out = new ArrayList<>();
        out.add(QualityVariant.preset(QualityVariant.PAPER));
        out.add(QualityVariant.preset(QualityVariant.SAM3_RELEASE));
        if (ablate) {
            out.addAll(QualityVariant.ablation().subList(1, QualityVariant.ablation().size()));
        }
        return List.copyOf(out);
    }

    /** The scene a scenario name gives at the suite's frame count. */
    public static SyntheticScene scene(String scenario, int frames) {
        return Scenarios.create(scenario, SceneSettings.defaults().withFrameCount(frames));
    }

    /** Runs every pair; results in (scenario, variant) order. {@code progress} sees each as it ends. */
    public static List<QualityResult> run(Settings s, Consumer<QualityResult> progress) throws Exception {
        record Task(int order, String scenario, QualityVariant variant) {}
        List<Task> tasks = new ArrayList<>();
        for (String scenario : s.scenarios()) {
            for (QualityVariant v : s.variants()) {
                tasks.add(new Task(tasks.size(), scenario, v));
            }
        }
        // Longest scenarios first, so that the pool does not end on one long run.
        List<Task> schedule = new ArrayList<>(tasks);
        schedule.sort(Comparator.comparingInt((Task t) -> -frameCount(t.scenario(), s.frames()))
                .thenComparingInt(Task::order));
        ThreadLocal<ModelKit> bundles = new ThreadLocal<>();
        List<ModelKit> opened = new ArrayList<>();
        List<String> extraSettings = new ArrayList<>(List.of(InferenceOptions.MODEL_KIT.key() + "=" + ReferenceKit.NAME));
        extraSettings.addAll(s.extraSettings());
        Configuration base = MaskstreamConfig.load(null, extraSettings);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(s.threads(), Math.max(1, tasks.size())));
        try {
            List<Future<QualityResult>> futures = new ArrayList<>();
            for (Task t : schedule) {
                futures.add(pool.submit(() -> {
                    ModelKit models = bundles.get();
                    if (models == null) {
                        models = ModelKits.open(base);
                        bundles.set(models);
                        synchronized (opened) {
                            opened.add(models);
                        }
                    }
                    SyntheticScene scene = scene(t.scenario(), s.frames());
                    List<String> settings = new ArrayList<>(extraSettings);
                    settings.addAll(t.variant().settings());
                    Configuration conf = MaskstreamConfig.load(null, settings);
                    ScenarioRun.Outcome o = ScenarioRun.run(models, scene, conf);
                    if (s.maskletsDir() != null) {
                        Files.createDirectories(s.maskletsDir());
                        MaskletsJsonLines.write(s.maskletsDir().resolve(maskletsFileName(t.scenario(), t.variant())),
                                o.masklets());
                    }
                    QualityResult r = new QualityResult(t.scenario(), t.variant().name(), scene.frameCount(),
                            o.report(), o.seconds());
                    synchronized (progress) {
                        progress.accept(r);
                    }
                    return r;
                }));
            }
            QualityResult[] results = new QualityResult[tasks.size()];
            for (int i = 0; i < schedule.size(); i++) {
                try {
                    results[schedule.get(i).order()] = futures.get(i).get();
                } catch (ExecutionException e) {
                    Task t = schedule.get(i);
                    throw new IllegalStateException(t.scenario() + " / " + t.variant().name() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            return List.of(results);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
            for (ModelKit b : opened) {
                b.close();
            }
        }
    }

    /** {@code SCENARIO.VARIANT.jsonl}, the variant's name with spaces as dashes. */
    public static String maskletsFileName(String scenario, QualityVariant variant) {
        return scenario + "." + variant.name().replace(' ', '-') + ".jsonl";
    }

    private static int frameCount(String scenario, int frames) {
        return frames > 0 ? frames : Scenarios.defaultFrames(scenario);
    }
}
