package io.maskstream.pipeline.cli;

import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.ModelDirectoryException;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.inference.ModelKits;
import io.maskstream.kit.reference.ReferenceModels;
import java.nio.file.Path;
import java.util.List;
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

    /** {@code models concepts [--kit NAME] [--dir DIR]}. */
    @Command(name = "concepts", mixinStandardHelpOptions = true,
            description = "List the concepts a model kit knows, one per line (--kit coco: the 80 COCO class names; "
                    + "--kit reference: the synthetic scenes' colour words; --dir DIR: the manifest kit's models).")
    static final class Concepts implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--kit", description = "Model kit (as model.kit): manifest, coco or reference.")
        String kit;

        @Option(names = "--dir", description = "Model directory with model.json (as model.dir).")
        Path dir;

        @Override
        public Integer call() {
            if (kit == null && dir == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give --kit NAME (coco, reference) or --dir DIR (a manifest model directory)");
            }
            Configuration c = new Configuration();
            if (kit != null) {
                c.set(InferenceOptions.MODEL_KIT, kit);
            }
            if (dir != null) {
                c.set(InferenceOptions.MODEL_DIR, dir.toString());
            }
            try (ModelKit models = ModelKits.open(c)) {
                List<String> concepts = models.concepts();
                if (concepts.isEmpty()) {
                    throw new ModelDirectoryException("the concept encoder takes any text as a concept; "
                            + "there is no list of concepts");
                }
                java.io.PrintWriter out = spec.commandLine().getOut();
                concepts.forEach(out::println);
                out.flush();
            }
            return 0;
        }
    }
}
