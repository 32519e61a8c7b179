package io.maskstream.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code maskstream} command line: one subcommand per task. */
@Command(
        name = "maskstream",
        mixinStandardHelpOptions = true,
        version = "maskstream 0.1.0",
        description = "A streaming SAM 3 style video tracker on Apache Flink and Kafka.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ReplayCommand.class,
            SendPromptCommand.class,
            SceneCommand.class,
            RenderCommand.class,
            LabelCommand.class,
            EvalCommand.class,
            ModelsCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            QualityCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class MaskstreamCli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MaskstreamCli());
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("maskstream " + cmd.getCommandName() + ": " + ex.getMessage());
            if (System.getenv("MASKSTREAM_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cli;
    }

    /**
     * Runs the command line. The launcher script sets {@code -Dmaskstream.exit=true} so the JVM ends
     * with the command's exit code; under {@code flink run} (and in application mode, where main runs
     * inside the JobManager) main must return instead of exiting, unless the command failed.
     */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || Boolean.getBoolean("maskstream.exit")) {
            System.exit(code);
        }
    }
}
