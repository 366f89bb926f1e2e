package org.vici4j.controller.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The desired state is invalid; nothing of it may be applied. Carries every problem found, not
 * just the first. The message lists them one per line.
 */
public class ConfigValidationException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConfigValidationException(List<ConfigProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in file/line order */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        String head = problems.size() == 1 ? "invalid configuration (1 problem):"
                : "invalid configuration (" + problems.size() + " problems):";
        return problems.stream().map(ConfigProblem::format)
                .collect(Collectors.joining("\n", head + "\n", ""));
    }
}
