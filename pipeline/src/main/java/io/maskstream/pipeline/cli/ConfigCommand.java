package io.maskstream.pipeline.cli;

import io.maskstream.pipeline.config.ConfigurationDocs;
import io.maskstream.pipeline.config.MaskstreamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskstream config}: check a job file, or print the reference of every key. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Validate a job configuration (and its model directory), or print every key with --docs.")
public final class ConfigCommand implements Callable<Integer> {
    @Option(names = "--docs", description = "Print docs/configuration.md.")
    boolean docs;

    @Option(names = "--config", description = "YAML job file to check.")
    Path config;

    @Option(names = "--set", description = "Override one key: --set key=value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        if (docs) {
            System.out.print(ConfigurationDocs.markdown());
            return 0;
        }
        Configuration conf = MaskstreamConfig.load(config, overrides);
        MaskstreamConfig.validate(conf);
        new TreeMap<>(conf.toMap()).forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println("configuration is valid");
        return 0;
    }
}
