package org.vici4j.controller.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerCounters.ChildCounters;
import org.vici4j.controller.ControllerCounters.FailureKind;
import org.vici4j.controller.ControllerCounters.Timing;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.DesiredStateRefusal;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.testing.Exposition;
import org.vici4j.controller.testing.MutableClock;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

class ControllerCollectorTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Instant t0 = clock.instant();
    private final Fixture source = new Fixture(new ControllerHealth(true, CharonStatus.State.CONNECTED, true, true,
            t0));

    private Exposition scrape() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ControllerCollector(source, clock));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static Failure sadFailure(Instant at) {
        return new Failure(FailureClass.INSTALL_CHILD_SA_FAILED, Side.LOCAL, "the local kernel refused the SAs", null,
                List.of("[KNL] unable to add SAD entry with SPI c1234567"), at);
    }

    private void retrying(int attempts, Instant next) {
        source.status = new ControllerStatus(new CharonStatus(CharonStatus.State.CONNECTED, "5.9.8", null), List.of(
                new ConnectionStatus("hub", List.of(new ChildStatus("hub", Ensure.UP, ChildState.RETRYING, attempts,
                        next, sadFailure(t0), t0))),
                new ConnectionStatus("rw", List.of(new ChildStatus("rw", Ensure.TRAP, ChildState.TRAPPED, 0, null,
                        null, t0)))));
    }

    private static ControllerCounters counters(long sadFailures, long retries, Instant unsettledSince) {
        return new ControllerCounters(Map.of("initiate", 3L, "list-sas", 2L), Map.of("initiate", new Timing(3,
                Duration.ofMillis(30)), "list-sas", new Timing(2, Duration.ofMillis(500))), Map.of("list-sas", 1L),
                Map.of("child-updown", 4L, "log", 120L), 1, Map.of("connection-lost", 1L), new Timing(2,
                        Duration.ofMillis(250)), new Timing(10, Duration.ofMillis(100)), Map.of("hub", Map.of("hub",
                                new ChildCounters(Map.of(new FailureKind(FailureClass.INSTALL_CHILD_SA_FAILED,
                                        Side.LOCAL), sadFailures, new FailureKind(FailureClass.PEER_AUTH_FAILED,
                                                Side.PEER), 1L), retries, unsettledSince)), "rw", Map.of("rw",
                                                        new ChildCounters(Map.of(), 0, null))));
    }

    @Test
    void aRetryingChildShowsItsStatesAttemptsFailuresAndTimeWithoutSuccess() throws IOException {
        retrying(3, t0.plusSeconds(8));
        source.counters = counters(3, 3, t0.minusSeconds(20));
        clock.advance(Duration.ofSeconds(5));

        Exposition e = scrape();
        assertThat(e.value("vici4j_child_observed_state", "connection", "hub", "child", "hub", "state", "retrying"))
                .hasValue(1);
        assertThat(e.value("vici4j_child_observed_state", "connection", "hub", "child", "hub", "state", "installed"))
                .hasValue(0);
        assertThat(e.named("vici4j_child_observed_state")).hasSize(2 * ChildState.values().length);
        assertThat(e.value("vici4j_child_desired_state", "connection", "hub", "child", "hub", "state", "up"))
                .hasValue(1);
        assertThat(e.value("vici4j_child_desired_state", "connection", "rw", "child", "rw", "state", "trap"))
                .hasValue(1);
        assertThat(e.value("vici4j_child_desired_state", "connection", "rw", "child", "rw", "state", "up"))
                .hasValue(0);
        assertThat(e.value("vici4j_child_attempts", "connection", "hub", "child", "hub")).hasValue(3);
        assertThat(e.value("vici4j_child_next_attempt_seconds", "connection", "hub", "child", "hub")).hasValue(3);
        assertThat(e.value("vici4j_child_next_attempt_seconds", "connection", "rw")).isEmpty();
        assertThat(e.value("vici4j_child_failed_attempts_total", "connection", "hub", "child", "hub", "class",
                "install-child-sa-failed", "side", "local")).hasValue(3);
        assertThat(e.value("vici4j_child_failed_attempts_total", "connection", "hub", "class", "peer-auth-failed",
                "side", "peer")).hasValue(1);
        assertThat(e.value("vici4j_child_retries_scheduled_total", "connection", "hub")).hasValue(3);
        assertThat(e.value("vici4j_child_seconds_since_last_success", "connection", "hub")).hasValue(25);
        assertThat(e.value("vici4j_child_seconds_since_last_success", "connection", "rw")).hasValue(0);
    }

    @Test
    void theValuesMoveAsTheChildFailsAgainAndRecovers() throws IOException {
        retrying(1, t0.plusSeconds(2));
        source.counters = counters(1, 1, t0);
        Exposition before = scrape();
        assertThat(before.value("vici4j_child_failed_attempts_total", "connection", "hub", "class",
                "install-child-sa-failed")).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        retrying(2, t0.plusSeconds(6));
        source.counters = counters(2, 2, t0);
        Exposition again = scrape();
        assertThat(again.value("vici4j_child_failed_attempts_total", "connection", "hub", "class",
                "install-child-sa-failed")).hasValue(2);
        assertThat(again.value("vici4j_child_seconds_since_last_success", "connection", "hub")).hasValue(2);

        clock.advance(Duration.ofSeconds(1));
        source.status = new ControllerStatus(source.status.charon(), List.of(new ConnectionStatus("hub", List.of(
                new ChildStatus("hub", Ensure.UP, ChildState.INSTALLED, 0, null, sadFailure(t0), clock.instant())))));
        source.counters = counters(2, 2, null);
        Exposition fixed = scrape();
        assertThat(fixed.value("vici4j_child_observed_state", "connection", "hub", "state", "installed")).hasValue(1);
        assertThat(fixed.value("vici4j_child_observed_state", "connection", "hub", "state", "retrying")).hasValue(0);
        assertThat(fixed.value("vici4j_child_attempts", "connection", "hub")).hasValue(0);
        assertThat(fixed.value("vici4j_child_seconds_since_last_success", "connection", "hub")).hasValue(0);
        assertThat(fixed.value("vici4j_child_failed_attempts_total", "connection", "hub", "class",
                "install-child-sa-failed")).hasValue(2);
        // rw is no longer desired: its counters are not exposed (label sets follow the configuration)
        assertThat(fixed.value("vici4j_child_retries_scheduled_total", "connection", "rw")).isEmpty();
    }

    @Test
    void charonRequestsEventsPassesAndReadiness() throws IOException {
        retrying(1, t0.plusSeconds(2));
        source.counters = counters(1, 1, t0);
        clock.advance(Duration.ofSeconds(7));
        Exposition e = scrape();
        assertThat(e.value("vici4j_ready")).hasValue(1);
        assertThat(e.value("vici4j_charon_state", "state", "connected")).hasValue(1);
        assertThat(e.value("vici4j_charon_state", "state", "unreachable")).hasValue(0);
        assertThat(e.value("vici4j_charon_subscribed")).hasValue(1);
        assertThat(e.value("vici4j_charon_reconnects_total")).hasValue(1);
        assertThat(e.value("vici4j_charon_event_gaps_total", "cause", "connection-lost")).hasValue(1);
        assertThat(e.value("vici4j_charon_event_gaps_total", "cause", "dropped")).hasValue(0);
        assertThat(e.value("vici4j_charon_events_total", "event", "log")).hasValue(120);
        assertThat(e.value("vici4j_charon_requests_total", "command", "initiate")).hasValue(3);
        assertThat(e.value("vici4j_charon_request_failures_total", "command", "list-sas")).hasValue(1);
        assertThat(e.value("vici4j_charon_request_duration_seconds_count", "command", "list-sas")).hasValue(2);
        assertThat(e.value("vici4j_charon_request_duration_seconds_sum", "command", "list-sas")).hasValue(0.5);
        assertThat(e.value("vici4j_reconcile_duration_seconds_count", "pass", "full")).hasValue(2);
        assertThat(e.value("vici4j_reconcile_duration_seconds_sum", "pass", "full")).hasValue(0.25);
        assertThat(e.value("vici4j_reconcile_duration_seconds_count", "pass", "connection")).hasValue(10);
        assertThat(e.value("vici4j_seconds_since_last_full_reconcile")).hasValue(7);
        assertThat(e.value("vici4j_desired_state_refused")).hasValue(0);

        source.health = new ControllerHealth(true, CharonStatus.State.UNREACHABLE, false, false, t0);
        source.status = new ControllerStatus(new CharonStatus(CharonStatus.State.UNREACHABLE, "5.9.8", "gone"),
                source.status.connections(), new DesiredStateRefusal(t0, "invalid configuration"));
        Exposition down = scrape();
        assertThat(down.value("vici4j_ready")).hasValue(0);
        assertThat(down.value("vici4j_charon_state", "state", "unreachable")).hasValue(1);
        assertThat(down.value("vici4j_charon_subscribed")).hasValue(0);
        assertThat(down.value("vici4j_desired_state_refused")).hasValue(1);
    }

    @Test
    void labelsHoldNamesClassesAndStatesOnlyNeverEvidenceOrSpis() throws IOException {
        retrying(1, t0.plusSeconds(2));
        source.counters = counters(1, 1, t0);
        Exposition e = scrape();
        for (Exposition.Sample s : e.samples()) {
            assertThat(s.labels().keySet()).isSubsetOf("connection", "child", "state", "class", "side", "command",
                    "event", "cause", "pass", "quantile");
            assertThat(s.labels().values()).noneMatch(v -> v.contains("c1234567") || v.contains("192.0.2"));
        }
    }
}
