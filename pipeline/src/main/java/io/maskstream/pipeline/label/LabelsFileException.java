package io.maskstream.pipeline.label;

import java.util.List;

/** A labels file that cannot be used: every problem found, each naming its line and field. */
public final class LabelsFileException extends Exception {
    private final List<String> problems;

    public LabelsFileException(String file, List<String> problems) {
        super(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, as {@code line N: field 'F': what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
