package io.maskstream.pipeline.cli;

import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.operators.inference.ModelManifest;
import io.maskstream.operators.inference.reference.ReferenceModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskstream models}: build the reference models, or check a model directory. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model directories: build the reference models, validate a directory's model.json and ONNX files, "
                + "or list the concepts a model knows.",
        subcommands = {ModelsCommand.BuildReference.class, ModelsCommand.Check.class, ModelsCommand.Concepts.class})
public final class ModelsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** {@code models build-reference --out DIR}. */
    @Command(name = "build-reference", mixinStandardHelpOptions = true,
            description = "Write the reference ONNX models (colour-concept detector, memory-attention tracker) and model.json.")
    static final class BuildReference implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Directory to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            ReferenceModels.build(out);
            System.out.println("reference models written to " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code models check --dir DIR}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Open a model directory as the job would at start-up and report what is wrong, naming the field.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "Model directory with model.json.")
        Path dir;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda[:N] or auto.")
        String device;

        @Override
        public Integer call() {
            Configuration c = new Configuration();
            c.set(InferenceOptions.MODEL_DIR, dir.toString());
            c.set(InferenceOptions.DEVICE, device);
            try (ModelBundle bundle = ModelBundle.open(c)) {
                System.out.println(dir + ": valid (" + bundle.manifest() + ")");
            }
            return 0;
        }
    }

    /** {@code models concepts [--dir DIR]}. */
    @Command(name = "concepts", mixinStandardHelpOptions = true,
            description = "List the concepts a model directory's concept encoder knows, one per line "
                    + "(without --dir: the reference models).")
    static final class Concepts implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", description = "Model directory with model.json (default: the reference models).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (dir != null) {
                knownConcepts(dir.resolve(ModelManifest.FILE_NAME)).forEach(out::println);
                out.flush();
                return 0;
            }
            Path reference = Files.createTempDirectory("maskstream-reference-models");
            try {
                ReferenceModels.build(reference);
                knownConcepts(reference.resolve(ModelManifest.FILE_NAME)).forEach(out::println);
                out.flush();
            } finally {
                try (var files = Files.walk(reference)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return 0;
        }

        /**
         * The words of a {@code vocabulary} tokenizer, in token order (a concept is one or more of
         * them); a {@code huggingface} tokenizer takes any text, so there is no list to give.
         */
        static List<String> knownConcepts(Path manifestFile) {
            if (!Files.isRegularFile(manifestFile)) {
                throw new ModelDirectoryException(ModelManifest.FILE_NAME + ": not found in " + manifestFile.getParent());
            }
            ModelManifest manifest = ModelManifest.read(manifestFile);
            if (manifest.conceptEncoder() == null) {
                throw new ModelDirectoryException(manifestFile + " has no conceptEncoder role: the model knows no concepts");
            }
            ModelManifest.TokenizerSpec tokenizer = manifest.conceptEncoder().tokenizer();
            if (!tokenizer.kind().equals("vocabulary")) {
                throw new ModelDirectoryException(manifestFile.getParent() + ": the '" + tokenizer.kind()
                        + "' tokenizer takes any text as a concept; there is no list of concepts");
            }
            return tokenizer.vocabulary().entrySet().stream()
                    .sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }
}
