package io.maskstream.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Loads the job's configuration: a YAML file (nested or dotted keys) plus {@code key=value}
 * overrides. Every key must belong to one of the {@code *Options} classes given, or to a
 * pass-through prefix ({@code kafka.properties.*} for Kafka clients, {@code flink.*} for Flink's own
 * settings); every value must parse as its option's type. Any violation fails here, naming the key.
 */
public final class JobConfig {
    /** Keys under these prefixes are passed through unchecked. */
    public static final List<String> PASS_THROUGH_PREFIXES = List.of("kafka.properties.", "flink.");

    private final Map<String, ConfigOption<?>> known;

    public JobConfig(List<Class<?>> optionClasses) {
        Map<String, ConfigOption<?>> map = new TreeMap<>();
        for (Class<?> c : optionClasses) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    try {
                        ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                        map.put(o.key(), o);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        this.known = map;
    }

    public Map<String, ConfigOption<?>> knownOptions() {
        return known;
    }

    /** Reads the YAML file (may be null) and applies the overrides in order. */
    public Configuration load(Path yamlFile, List<String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        if (yamlFile != null) {
            raw.putAll(readYaml(yamlFile));
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigException("--set expects key=value, got '" + o + "'");
            }
            raw.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
        }
        return toConfiguration(raw);
    }

    public Configuration toConfiguration(Map<String, String> raw) {
        Configuration conf = new Configuration();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            ConfigOption<?> option = known.get(key);
            if (option == null) {
                if (PASS_THROUGH_PREFIXES.stream().noneMatch(key::startsWith)) {
                    throw new InvalidConfigException("unknown configuration key '" + key + "'" + suggestion(key));
                }
                conf.setString(key, e.getValue());
                continue;
            }
            conf.setString(key, e.getValue());
            try {
                conf.get(option);
            } catch (RuntimeException ex) {
                throw new InvalidConfigException(
                        "configuration key '" + key + "' has an invalid value '" + e.getValue() + "': "
                                + ex.getMessage());
            }
        }
        return conf;
    }

    private String suggestion(String key) {
        String prefix = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key;
        List<String> near = new ArrayList<>();
        for (String k : known.keySet()) {
            if (k.startsWith(prefix)) {
                near.add(k);
            }
        }
        return near.isEmpty() ? "" : " (known keys under '" + prefix + "': " + String.join(", ", near) + ")";
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new InvalidConfigException("configuration file " + file + " must hold a mapping of keys");
            }
            flatten("", root, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(";", items));
        } else {
            out.put(prefix, node.asText());
        }
    }
}
