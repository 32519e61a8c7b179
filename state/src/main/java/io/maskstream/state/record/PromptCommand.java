package io.maskstream.state.record;

import io.maskstream.state.geometry.Box;
import java.util.List;
import java.util.Objects;

/**
 * One record of the prompts topic (DESIGN §6): an instruction to the tracker of one stream. Only
 * the arguments of its {@link PromptAction} are set; the others are null (or empty lists).
 *
 * @param streamId the stream the prompt is for; also the Kafka key
 * @param action what to do
 * @param concepts for {@code set-concepts}: the new concepts, in order (may be empty)
 * @param concept for {@code add-concept}, {@code remove-concept}; optional for {@code add-box}
 *     (the concept the boxed object belongs to)
 * @param box for {@code add-box}: [x1, y1, x2, y2] in frame pixels
 * @param points for {@code add-points}: the clicks, in order
 * @param objectId for {@code remove-object}; optional for {@code add-box}, {@code add-points}
 *     (refine that object rather than start a new one)
 * @param seq the frame from which the prompt takes effect, or null for the next frame the job sees
 * @param positive for {@code add-exemplar}: true for a positive exemplar ("like this"), false for a negative one
 * @param instruction for {@code add-instruction}: the instruction's text (docs/instructions.md)
 * @param name for {@code remove-instruction}; optional for {@code add-instruction} (default: the text)
 */
public record PromptCommand(
        String streamId,
        PromptAction action,
        List<String> concepts,
        String concept,
        Box box,
        List<PromptPoint> points,
        Integer objectId,
        Long seq,
        Boolean positive,
        String instruction,
        String name) {
    /** Concept names with this prefix have no text: their exemplars alone say what they are. */
    public static final String IMAGE_CONCEPT_PREFIX = "image:";
    /** The image-only concept of an exemplar that names none. */
    public static final String DEFAULT_IMAGE_CONCEPT = IMAGE_CONCEPT_PREFIX + "1";

    public PromptCommand(String streamId, PromptAction action, List<String> concepts, String concept, Box box,
                         List<PromptPoint> points, Integer objectId, Long seq) {
        this(streamId, action, concepts, concept, box, points, objectId, seq, null, null, null);
    }

    public PromptCommand(String streamId, PromptAction action, List<String> concepts, String concept, Box box,
                         List<PromptPoint> points, Integer objectId, Long seq, Boolean positive) {
        this(streamId, action, concepts, concept, box, points, objectId, seq, positive, null, null);
    }

    public PromptCommand(String streamId, PromptAction action, List<String> concepts, String concept, Box box,
                         List<PromptPoint> points, Integer objectId, Long seq, String instruction, String name) {
        this(streamId, action, concepts, concept, box, points, objectId, seq, null, instruction, name);
    }

    public PromptCommand {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(action, "action");
        if (streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be blank");
        }
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
        points = points == null ? List.of() : List.copyOf(points);
        if (seq != null && seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        if (objectId != null && objectId < 0) {
            throw new IllegalArgumentException("objectId must not be negative: " + objectId);
        }
        switch (action) {
            case ADD_CONCEPT, REMOVE_CONCEPT -> require(concept != null, action, "concept");
            case ADD_BOX -> require(box != null, action, "box");
            case ADD_POINTS -> require(!points.isEmpty(), action, "points");
            case REMOVE_OBJECT -> require(objectId != null, action, "objectId");
            case ADD_INSTRUCTION -> require(instruction != null, action, "instruction");
            case REMOVE_INSTRUCTION -> require(name != null, action, "name");
            case ADD_EXEMPLAR -> {
                require(box != null, action, "box");
                require(positive != null, action, "label");
            }
            case SET_CONCEPTS, CLEAR_EXEMPLARS -> { }
        }
    }

    private static void require(boolean present, PromptAction action, String field) {
        if (!present) {
            throw new IllegalArgumentException(action.label() + " needs " + field);
        }
    }

    public static PromptCommand setConcepts(String streamId, List<String> concepts, Long seq) {
        return new PromptCommand(streamId, PromptAction.SET_CONCEPTS, concepts, null, null, null, null, seq, null);
    }

    public static PromptCommand addConcept(String streamId, String concept, Long seq) {
        return new PromptCommand(streamId, PromptAction.ADD_CONCEPT, null, concept, null, null, null, seq, null);
    }

    public static PromptCommand removeConcept(String streamId, String concept, Long seq) {
        return new PromptCommand(streamId, PromptAction.REMOVE_CONCEPT, null, concept, null, null, null, seq, null);
    }

    /** A box prompt; {@code objectId} null starts a new object, {@code concept} may be null. */
    public static PromptCommand addBox(String streamId, Box box, String concept, Integer objectId, Long seq) {
        return new PromptCommand(streamId, PromptAction.ADD_BOX, null, concept, box, null, objectId, seq, null);
    }

    /** Click prompts; {@code objectId} null starts a new object. */
    public static PromptCommand addPoints(String streamId, List<PromptPoint> points, Integer objectId, Long seq) {
        return new PromptCommand(streamId, PromptAction.ADD_POINTS, null, null, null, points, objectId, seq, null);
    }

    public static PromptCommand removeObject(String streamId, int objectId, Long seq) {
        return new PromptCommand(streamId, PromptAction.REMOVE_OBJECT, null, null, null, null, objectId, seq, null);
    }

    /** An image exemplar drawn as {@code box} on frame {@code seq}; {@code concept} null: the default image-only concept. */
    public static PromptCommand addExemplar(String streamId, Box box, boolean positive, String concept, Long seq) {
        return new PromptCommand(streamId, PromptAction.ADD_EXEMPLAR, null, concept, box, null, null, seq, positive);
    }

    /** Forgets the exemplars of {@code concept}, or of every concept when it is null. */
    public static PromptCommand clearExemplars(String streamId, String concept, Long seq) {
        return new PromptCommand(streamId, PromptAction.CLEAR_EXEMPLARS, null, concept, null, null, null, seq, null);
    }

    /** The concept an exemplar belongs to: its own, else {@link #DEFAULT_IMAGE_CONCEPT}. */
    public String exemplarConcept() {
        return concept != null ? concept : DEFAULT_IMAGE_CONCEPT;
    }

    /** Whether {@code concept} is image-only (named {@code image:...}): no text, only exemplars. */
    public static boolean isImageConcept(String concept) {
        return concept.startsWith(IMAGE_CONCEPT_PREFIX);
    }

    /** An instruction to follow, named {@code name} (null: its text). */
    public static PromptCommand addInstruction(String streamId, String instruction, String name, Long seq) {
        return new PromptCommand(streamId, PromptAction.ADD_INSTRUCTION, null, null, null, null, null, seq, instruction,
                name);
    }

    /** Stops following the instruction called {@code name} (its text when it was added without a name). */
    public static PromptCommand removeInstruction(String streamId, String name, Long seq) {
        return new PromptCommand(streamId, PromptAction.REMOVE_INSTRUCTION, null, null, null, null, null, seq, null, name);
    }

    /** The name an instruction prompt goes by: its name, else its text. */
    public String instructionName() {
        return name != null ? name : instruction;
    }

    /** True when the prompt names the frame it takes effect on; false means "the next frame". */
    public boolean hasSeq() {
        return seq != null;
    }
}
