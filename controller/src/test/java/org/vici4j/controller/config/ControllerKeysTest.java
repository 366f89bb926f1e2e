package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.config.ConfigTestSupport.parse;
import static org.vici4j.controller.config.ConfigTestSupport.problem;
import static org.vici4j.controller.config.ConfigTestSupport.problems;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** ensure / retry / controller settings, and the charon actions they must not fight with. */
class ControllerKeysTest {

    private static String child(String ensure, String extra) {
        return """
                connections:
                  net:
                    remote_addrs: 192.0.2.2
                    children:
                      net:
                        remote_ts: 198.18.4.0/22
                        ensure: %s
                        %s
                """.formatted(ensure, extra);
    }

    @ParameterizedTest
    @CsvSource({
            "up, start_action: start, start_action",
            "up, start_action: trap, start_action",
            "up, start_action: 'trap|start', start_action",
            "trap, start_action: start, start_action",
            "trap, start_action: trap, start_action",
            "up, close_action: start, close_action",
            "up, close_action: restart, close_action",
            "up, dpd_action: restart, dpd_action",
            "up, dpd_action: 'trap|start', dpd_action"})
    void conflictingCombinationsAreRejectedWithAHint(String ensure, String extra, String key) {
        ConfigProblem p = problem(child(ensure, extra));
        assertThat(p.path()).isEqualTo("connections.net.children.net." + key);
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).contains("conflicts with ensure: " + ensure);
        assertThat(p.hint()).contains("ensure: loaded");
    }

    @ParameterizedTest
    @CsvSource({
            "up, start_action: none",
            "up, close_action: trap",
            "up, dpd_action: clear",
            "trap, close_action: start",
            "trap, dpd_action: restart",
            "loaded, start_action: start",
            "loaded, close_action: start",
            "loaded, dpd_action: restart"})
    void compatibleCombinationsAreAccepted(String ensure, String extra) {
        assertThat(parse(child(ensure, extra)).connections()).hasSize(1);
    }

    @Test
    void ensureDefaultsToLoaded() {
        DesiredState s = parse(child("loaded", "").replace("        ensure: loaded\n", ""));
        assertThat(s.connections().get(0).children().get(0).ensure()).isEqualTo(Ensure.LOADED);
    }

    @Test
    void defaultsWithoutControllerSection() {
        DesiredState s = parse(child("up", ""));
        assertThat(s.controller()).isEqualTo(ControllerSettings.DEFAULT);
        assertThat(s.retryPolicy("net")).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2,
                OptionalInt.empty()));
    }

    @Test
    void badRetryAndControllerValuesAreReported() {
        String yaml = """
                controller:
                  resync: soon
                  owner: "bad owner"
                  retry: {initial: 0s, multiplier: 0.5, jitter: 2, attempts: 0, maxx: 1m}
                """;
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly(
                "controller.resync", "controller.owner", "controller.retry.initial", "controller.retry.multiplier",
                "controller.retry.jitter", "controller.retry.attempts", "controller.retry.maxx");
        assertThat(problems(yaml).get(6).hint()).isEqualTo("did you mean max?");

        ConfigProblem order = problem("controller:\n  retry: {initial: 10m, max: 1m}\n");
        assertThat(order.message()).contains("less than retry.initial");
    }

    @Test
    void retryOnAConnectionWithoutEnsureIsAWarning() {
        DesiredState s = parse(child("loaded", "").replace("    children:", "    retry: {initial: 3s}\n    children:"));
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("retry has no effect"));
        assertThat(s.retryPolicy("net").initial()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void controllerDurationsAcceptCommonUnits() {
        DesiredState s = parse("controller:\n  resync: 1m30s\n  retry: {initial: 500ms, max: 2h}\n");
        assertThat(s.controller().resync()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.controller().retry().initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.controller().retry().max()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void maxPruneShareTakesAPercentageOrAFraction() {
        assertThat(parse("controller:\n  maxPruneShare: 80%\n").controller().maxPruneShare()).isEqualTo(0.8);
        assertThat(parse("controller:\n  maxPruneShare: 0.25\n").controller().maxPruneShare()).isEqualTo(0.25);
        assertThat(parse("controller:\n  maxPruneShare: 100%\n").controller().maxPruneShare()).isEqualTo(1.0);
        assertThat(parse(child("up", "")).controller().maxPruneShare())
                .isEqualTo(ControllerSettings.DEFAULT_MAX_PRUNE_SHARE).isEqualTo(0.5);
        for (String bad : new String[] {"150%", "-1", "half", "2"}) {
            ConfigProblem p = problem("controller:\n  maxPruneShare: " + bad + "\n");
            assertThat(p.path()).isEqualTo("controller.maxPruneShare");
            assertThat(p.message()).isEqualTo("bad share '" + bad + "'");
            assertThat(p.hint()).contains("50% or 0.5");
        }
        assertThat(problem("controller:\n  maxPrunShare: 10%\n").hint()).isEqualTo("did you mean maxPruneShare?");
    }
}
