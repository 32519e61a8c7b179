package io.maskstream.state.record;

/** What a {@link PromptCommand} asks the tracker to do; the label is the JSON {@code action}. */
public enum PromptAction {
    /** Replace the stream's concepts with {@code concepts} (an empty list clears them). */
    SET_CONCEPTS("set-concepts"),
    /** Add one {@code concept} to the stream's concepts. */
    ADD_CONCEPT("add-concept"),
    /** Remove one {@code concept}; its masklets end. */
    REMOVE_CONCEPT("remove-concept"),
    /** A box prompt: a new object (no {@code objectId}) or a refinement of {@code objectId}. */
    ADD_BOX("add-box"),
    /** Click prompts: a new object (no {@code objectId}) or a refinement of {@code objectId}. */
    ADD_POINTS("add-points"),
    /** Stop tracking {@code objectId}. */
    REMOVE_OBJECT("remove-object"),
    /** Follow an {@code instruction} (docs/instructions.md), under an optional {@code name}. */
    ADD_INSTRUCTION("add-instruction"),
    /** Stop following the instruction called {@code name}. */
    REMOVE_INSTRUCTION("remove-instruction"),
    /**
     * An image exemplar: {@code box} on its frame, {@code positive} or not, for {@code concept} (absent: the
     * image-only concept {@link PromptCommand#DEFAULT_IMAGE_CONCEPT}). Exemplars accumulate per concept.
     */
    ADD_EXEMPLAR("add-exemplar"),
    /** Forget the exemplars of {@code concept}, or of every concept when it is absent. */
    CLEAR_EXEMPLARS("clear-exemplars");

    private final String label;

    PromptAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The action with this label, or null. */
    public static PromptAction ofLabel(String label) {
        for (PromptAction a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        return null;
    }
}
