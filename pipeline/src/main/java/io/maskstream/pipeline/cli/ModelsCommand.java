package io.maskstream.pipeline.cli;

import io.maskstream.operators.inference.InferenceOptions;
import io.maskstream.operators.inference.ModelBundle;
import io.maskstream.operators.inference.reference.ReferenceModels;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskstream models}: build the reference models, or check a model directory. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model directories: build the reference models, or validate a directory's model.json and ONNX files.",
        subcommands = {ModelsCommand.BuildReference.class, ModelsCommand.Check.class})
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
}
