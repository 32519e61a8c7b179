package io.maskstream.pipeline.cli;

import io.maskstream.connectors.kafka.KafkaOptions;
import io.maskstream.connectors.kafka.KafkaStartupCheck;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.PromptPoint;
import io.maskstream.state.record.RecordRejectedException;
import io.maskstream.operators.tracking.instruction.InstructionParser;
import io.maskstream.operators.tracking.instruction.InstructionSyntaxException;
import io.maskstream.state.geometry.Box;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maskstream prompt}: one {@link PromptCommand} to the prompts topic, keyed by stream id. */
@Command(
        name = "prompt",
        mixinStandardHelpOptions = true,
        description = {
            "Sends one prompt to a running job: a concept, a box, clicks, an image exemplar, an instruction, or a removal.",
            "Writes a PromptCommand (docs/records.md) keyed by the stream id to the prompts topic.",
            "Examples: --concept red | --box 40,30,80,60 | --points 120,90,+ 150,95,- | --remove 3",
            "  | --exemplar 40,30,80,60,- --concept person | --clear-exemplars [--concept person]",
            "  | --instruction \"the leftmost red object\" --name left | --remove-instruction left"
        })
public final class SendPromptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--stream-id", required = true, description = "The stream the prompt is for.")
    String streamId;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Action action = new Action();

    @Option(names = "--concept", paramLabel = "NAME",
            description = "Add a concept (add-concept); with --exemplar or --clear-exemplars: the concept they are for.")
    String concept;

    @Option(names = "--object-id", description = "With --box or --points: refine this object instead of starting a new one.")
    Integer objectId;

    @Option(names = "--name", description = "With --instruction: the name output objects list it by (default: its text).")
    String name;

    @Option(names = "--seq", description = "The frame from which the prompt takes effect (default: the next frame the job sees).")
    Long seq;

    @Option(names = "--topic", description = "The prompts topic. Default: ${DEFAULT-VALUE}.")
    String topic = KafkaOptions.PROMPTS_TOPIC.defaultValue();

    @Option(names = "--timeout", description = "How long the broker may take to answer. Default: ${DEFAULT-VALUE}.")
    String timeout = TimeUtils.formatWithHighestUnit(KafkaOptions.STARTUP_CHECK_TIMEOUT.defaultValue());

    /** At most one of these is given; none means --concept alone. */
    static final class Action {
        @Option(names = "--box", paramLabel = "x,y,w,h", description = "A box in frame pixels: left, top, width, height (add-box).")
        String box;

        @Option(names = "--points", arity = "1..*", paramLabel = "x,y,+|-",
                description = "Clicks in frame pixels, + on the object, - on the background (add-points).")
        List<String> points;

        @Option(names = "--remove", paramLabel = "ID", description = "Stop tracking object ID (remove-object).")
        Integer remove;

        @Option(names = "--instruction", paramLabel = "TEXT",
                description = "Follow an instruction, e.g. \"the two largest cars\" (add-instruction; docs/instructions.md).")
        String instruction;

        @Option(names = "--remove-instruction", paramLabel = "NAME",
                description = "Stop following the instruction called NAME (its text if it has no name) (remove-instruction).")
        String removeInstruction;

        @Option(names = "--exemplar", paramLabel = "x,y,w,h[,+|-]", description = "An image exemplar in frame pixels: "
                + "left, top, width, height, + (default) for more like it, - for not like it (add-exemplar). Without "
                + "--concept it extends the image-only concept " + PromptCommand.DEFAULT_IMAGE_CONCEPT + ".")
        String exemplar;

        @Option(names = "--clear-exemplars", description = "Forget the exemplars of --concept, or of every concept "
                + "(clear-exemplars).")
        boolean clearExemplars;
    }

    @Override
    public Integer call() throws Exception {
        PromptCommand prompt = prompt();
        byte[] json = PromptCommandJson.encode(prompt);
        Duration wait = duration(timeout, "--timeout");
        new KafkaStartupCheck(bootstrap, Map.of(), wait)
                .check(List.of(topic), false, "create it (deploy/local/kafka.sh create-topics) or give --topic");
        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> producer = producer(wait)) {
            sent = producer.send(new ProducerRecord<>(topic, prompt.streamId(), json))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        spec.commandLine().getOut().println("sent to " + topic + " (partition " + sent.partition() + ", offset "
                + sent.offset() + "): " + new String(json, StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The prompt the arguments describe; a bad argument is a usage error naming the option. */
    PromptCommand prompt() {
        requireText(streamId, "--stream-id");
        if (seq != null && seq < 0) {
            throw usage("--seq must not be negative, got " + seq);
        }
        if (objectId != null && objectId < 0) {
            throw usage("--object-id must not be negative, got " + objectId);
        }
        if (objectId != null && action.box == null && action.points == null) {
            throw usage("--object-id goes with --box or --points");
        }
        if (name != null && action.instruction == null) {
            throw usage("--name goes with --instruction");
        }
        if (concept != null) {
            requireText(concept, "--concept");
            concept = concept.trim();
        }
        boolean conceptAlone = action.exemplar == null && !action.clearExemplars;
        if (concept != null && conceptAlone && (action.box != null || action.points != null || action.remove != null
                || action.instruction != null || action.removeInstruction != null)) {
            throw usage("--concept goes alone, or with --exemplar or --clear-exemplars");
        }
        PromptCommand prompt;
        if (action.instruction != null) {
            requireText(action.instruction, "--instruction");
            if (name != null) {
                requireText(name, "--name");
            }
            try {
                InstructionParser.parse(action.instruction.trim()); // the job would dead-letter it
            } catch (InstructionSyntaxException e) {
                throw usage("--instruction '" + action.instruction.trim() + "': " + e.getMessage());
            }
            prompt = PromptCommand.addInstruction(streamId, action.instruction.trim(), name, seq);
        } else if (action.removeInstruction != null) {
            requireText(action.removeInstruction, "--remove-instruction");
            prompt = PromptCommand.removeInstruction(streamId, action.removeInstruction, seq);
        } else if (action.exemplar != null) {
            prompt = exemplar(action.exemplar);
        } else if (action.clearExemplars) {
            prompt = PromptCommand.clearExemplars(streamId, concept, seq);
        } else if (concept != null) {
            prompt = PromptCommand.addConcept(streamId, concept, seq);
        } else if (action.box != null) {
            prompt = PromptCommand.addBox(streamId, box(action.box), null, objectId, seq);
        } else if (action.points != null) {
            prompt = PromptCommand.addPoints(streamId, points(action.points), objectId, seq);
        } else if (action.remove != null) {
            if (action.remove < 0) {
                throw usage("--remove expects an object id (0 or more), got " + action.remove);
            }
            prompt = PromptCommand.removeObject(streamId, action.remove, seq);
        } else {
            throw usage("give one of --concept, --box, --points, --remove, --exemplar, --clear-exemplars, --instruction, "
                    + "--remove-instruction");
        }
        try {
            // The job decodes with the same strict rules: what it would reject is a usage error here.
            PromptCommandJson.decode(PromptCommandJson.encode(prompt));
        } catch (RecordRejectedException e) {
            throw usage("the job would reject this prompt: " + e.getMessage());
        }
        return prompt;
    }

    /** x,y,w,h with an optional ,+ or ,- (default +). */
    private PromptCommand exemplar(String text) {
        String[] parts = text.split(",", -1);
        boolean positive = true;
        String xywh = text;
        if (parts.length == 5) {
            String sign = parts[4].trim();
            if (!sign.equals("+") && !sign.equals("-")) {
                throw usage("--exemplar expects x,y,w,h[,+|-], got '" + text + "'");
            }
            positive = sign.equals("+");
            xywh = text.substring(0, text.lastIndexOf(','));
        }
        return PromptCommand.addExemplar(streamId, box(xywh, "--exemplar"), positive, concept, seq);
    }

    private Box box(String text) {
        return box(text, "--box");
    }

    private Box box(String text, String option) {
        float[] v = numbers(text, 4, option, "x,y,w,h");
        if (!(v[2] > 0 && v[3] > 0)) {
            throw usage(option + " width and height must be positive, got '" + text + "'");
        }
        if (v[0] < 0 || v[1] < 0) {
            throw usage(option + " x and y must not be negative, got '" + text + "'");
        }
        return new Box(v[0], v[1], v[0] + v[2], v[1] + v[3]);
    }

    private List<PromptPoint> points(List<String> clicks) {
        if (clicks.size() > PromptCommandJson.MAX_POINTS) {
            throw usage("--points: at most " + PromptCommandJson.MAX_POINTS + " clicks, got " + clicks.size());
        }
        List<PromptPoint> out = new ArrayList<>(clicks.size());
        for (String click : clicks) {
            int last = click.lastIndexOf(',');
            String sign = last < 0 ? "" : click.substring(last + 1).trim();
            if (!sign.equals("+") && !sign.equals("-")) {
                throw usage("--points expects x,y,+ or x,y,- (+ on the object, - on the background), got '" + click + "'");
            }
            float[] xy = numbers(click.substring(0, last), 2, "--points", "x,y,+|-");
            if (xy[0] < 0 || xy[1] < 0) {
                throw usage("--points x and y must not be negative, got '" + click + "'");
            }
            out.add(new PromptPoint(xy[0], xy[1], sign.equals("+")));
        }
        return out;
    }

    private float[] numbers(String text, int count, String option, String form) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw usage(option + " expects " + form + ", got '" + text + "'");
        }
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw usage(option + " expects numbers as " + form + ", got '" + text + "'");
            }
            if (!Float.isFinite(v[i])) {
                throw usage(option + " expects finite numbers as " + form + ", got '" + text + "'");
            }
        }
        return v;
    }

    private void requireText(String value, String option) {
        if (value == null || value.isBlank()) {
            throw usage(option + " must not be blank");
        }
        if (value.length() > PromptCommandJson.MAX_TEXT_CHARS) {
            throw usage(option + " has " + value.length() + " characters, limit " + PromptCommandJson.MAX_TEXT_CHARS);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Duration duration(String text, String option) {
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + " expects a duration such as 15s or 500ms, got '" + text + "'");
        }
    }

    private KafkaProducer<String, byte[]> producer(Duration timeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "maskstream-prompt");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(millis));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(millis + 5));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

}
