package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Helpers shared by the config tests. */
final class ConfigTestSupport {

    static final Map<String, String> ENV = Map.of("CAROL_PASSWORD", "carol-env-pw-456", "HSM_PIN", "4711");

    private ConfigTestSupport() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ConfigTestSupport.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DesiredStateLoader loader() {
        return DesiredStateLoader.builder().environment(ENV).baseDirectory(resource("complete.yaml").getParent()).build();
    }

    static DesiredState parse(String yaml) {
        return loader().parseText(yaml, "gw.yaml");
    }

    /** @return the problems of an invalid YAML text (fails if it is valid) */
    static List<ConfigProblem> problems(String yaml) {
        ConfigValidationException[] caught = new ConfigValidationException[1];
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(ConfigValidationException.class, e -> caught[0] = e);
        return caught[0].problems();
    }

    /** @return the single problem of an invalid YAML text (fails if there is not exactly one) */
    static ConfigProblem problem(String yaml) {
        List<ConfigProblem> p = problems(yaml);
        if (p.size() != 1) {
            throw new AssertionError("expected exactly one problem, got " + p);
        }
        return p.get(0);
    }
}
