package io.maskstream.pipeline.config;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/** Renders every configuration key as the Markdown of docs/configuration.md. */
public final class ConfigurationDocs {
    private ConfigurationDocs() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("Every key the job accepts, generated from the `*Options` classes ")
                .append("(`./maskstream config --docs` prints this page). Give them in a YAML job file ")
                .append("(`./maskstream run --config job.yaml`, nested or dotted keys) or as `--set key=value`. ")
                .append("Unknown keys and bad values stop the job at start-up, naming the key. ")
                .append("Keys under `kafka.properties.` go to the Kafka clients as they are (e.g. ")
                .append("`kafka.properties.security.protocol: SSL`); keys under `flink.` go to Flink as they are ")
                .append("(e.g. `flink.taskmanager.memory.task.off-heap.size: 1g`).\n");
        String section = null;
        for (Map.Entry<String, ConfigOption<?>> e : MaskstreamConfig.schema().knownOptions().entrySet()) {
            String key = e.getKey();
            String s = key.substring(0, key.indexOf('.'));
            if (!s.equals(section)) {
                section = s;
                md.append("\n## ").append(s).append("\n\n| key | default | description |\n| --- | --- | --- |\n");
            }
            ConfigOption<?> o = e.getValue();
            Object def = o.hasDefaultValue() ? o.defaultValue() : null;
            String description = new HtmlFormatter().format(o.description()).replace("|", "\\|").replace("\n", " ");
            md.append("| `").append(key).append("` | ")
                    .append(def == null ? "(none)" : "`" + format(def) + "`")
                    .append(" | ").append(description).append(" |\n");
        }
        md.append('\n').append(section(DELIVERY_MODES));
        return md.toString();
    }

    /** The hand-written section after the keys: what each kafka.delivery-mode gives a consumer, measured. */
    static final String DELIVERY_MODES = "delivery-modes.md";

    private static String section(String resource) {
        try (java.io.InputStream in = ConfigurationDocs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String format(Object value) {
        if (value instanceof java.time.Duration d) {
            return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d);
        }
        if (value instanceof java.util.List<?> l) {
            return l.isEmpty() ? "[]" : String.join(";", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
