package io.github.modelrouter.config;

import java.util.List;

/**
 * Thrown at startup when the configuration is unusable. Its message names every problem at once
 * (the key or environment variable, the bad value, what is expected) so an operator fixes them in
 * one pass; it never contains a key's value.
 */
public final class ConfigValidationException extends RuntimeException {

    private final List<String> problems;

    public ConfigValidationException(List<String> problems) {
        super("Model Router configuration is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
