package org.vici4j.controller.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.config.Ensure;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;

/**
 * The controller's metrics, built at scrape time from the published status snapshot, the counters and the health
 * (nothing is kept or computed between scrapes). Labels come only from the configuration (connection and child
 * names), VICI command and event names, failure classes, sides and states: never SPIs, unique ids or addresses.
 * Every metric is described in docs/operations.md, "Monitoring".
 */
public final class ControllerCollector implements MultiCollector {

    private final MetricsSource source;
    private final Clock clock;

    /** @param clock the time the "seconds since" gauges are measured to */
    public ControllerCollector(MetricsSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public MetricSnapshots collect() {
        ControllerStatus status = source.status();
        ControllerCounters counters = source.counters();
        ControllerHealth health = source.health();
        Instant now = clock.instant();
        List<MetricSnapshot> out = new ArrayList<>();
        controllerMetrics(status, health, now, out);
        charonMetrics(status, health, counters, out);
        childMetrics(status, counters, now, out);
        return new MetricSnapshots(out);
    }

    private static void controllerMetrics(ControllerStatus status, ControllerHealth health, Instant now,
            List<MetricSnapshot> out) {
        out.add(gauge("vici4j_ready", "1 when the controller is connected to charon, subscribed to its events and its"
                + " last full reconcile finished (what /readyz answers 200 for), else 0", List.of(
                        point(health.ready() ? 1 : 0))));
        out.add(gauge("vici4j_desired_state_refused", "1 while the latest desired state was refused (invalid, or"
                + " stopped by the prune guard) and the previous one stays in force, else 0", List.of(
                        point(status.refusal().isPresent() ? 1 : 0))));
        if (health.lastFullReconcile() != null) {
            out.add(gauge("vici4j_seconds_since_last_full_reconcile", "Seconds since the latest full reconcile pass"
                    + " (observe charon, plan, load and unload) finished", List.of(
                            point(seconds(Duration.between(health.lastFullReconcile(), now))))));
        }
    }

    private static void charonMetrics(ControllerStatus status, ControllerHealth health, ControllerCounters c,
            List<MetricSnapshot> out) {
        List<GaugeDataPointSnapshot> states = new ArrayList<>();
        for (CharonStatus.State s : CharonStatus.State.values()) {
            states.add(point(status.charon().state() == s ? 1 : 0, "state", s.wireName()));
        }
        out.add(gauge("vici4j_charon_state", "charon's connection state as the controller sees it: 1 for the"
                + " current state (connected, unresponsive, unreachable), 0 for the others", states));
        out.add(gauge("vici4j_charon_subscribed", "1 while the controller's event subscription to charon is open,"
                + " else 0", List.of(point(health.subscribed() ? 1 : 0))));
        out.add(counter("vici4j_charon_reconnects", "Times charon was reached again (and everything re-applied)"
                + " after the connection to it was lost", List.of(counterPoint(c.reconnects()))));
        out.add(counter("vici4j_charon_event_gaps", "Times the event stream missed events, by cause"
                + " (connection-lost: charon restarted or the connection broke; dropped: the controller fell behind)",
                byKey(c.eventGaps(), "cause", List.of("connection-lost", "dropped"))));
        out.add(counter("vici4j_charon_events", "Events received from charon, by event name",
                byKey(c.events(), "event", List.of())));
        out.add(counter("vici4j_charon_requests", "Requests sent to charon, by VICI command (event registrations"
                + " count as register)", byKey(c.requests(), "command", List.of())));
        out.add(counter("vici4j_charon_request_failures", "Requests to charon that failed (no answer in time,"
                + " connection lost, protocol error), by VICI command", byKey(c.requestFailures(), "command",
                        List.of())));
        List<SummaryDataPointSnapshot> times = new ArrayList<>();
        new TreeMap<>(c.requestTimes()).forEach((cmd, t) -> times.add(summaryPoint(t, "command", cmd)));
        out.add(summary("vici4j_charon_request_duration_seconds", "Time from sending a request to charon to its"
                + " answer (or failure), by VICI command", times));
        out.add(summary("vici4j_reconcile_duration_seconds", "Reconcile passes and the time they took, by pass (full:"
                + " observe charon, plan, load and unload; connection: decide and act on one connection's children)",
                List.of(summaryPoint(c.fullPasses(), "pass", "full"),
                        summaryPoint(c.connectionPasses(), "pass", "connection"))));
    }

    private static void childMetrics(ControllerStatus status, ControllerCounters c, Instant now,
            List<MetricSnapshot> out) {
        List<GaugeDataPointSnapshot> desired = new ArrayList<>();
        List<GaugeDataPointSnapshot> observed = new ArrayList<>();
        List<GaugeDataPointSnapshot> attempts = new ArrayList<>();
        List<GaugeDataPointSnapshot> nextAttempt = new ArrayList<>();
        List<GaugeDataPointSnapshot> sinceSuccess = new ArrayList<>();
        List<CounterDataPointSnapshot> failures = new ArrayList<>();
        List<CounterDataPointSnapshot> retries = new ArrayList<>();
        for (ConnectionStatus conn : status.connections()) {
            for (ChildStatus ch : conn.children()) {
                String[] id = {"connection", conn.name(), "child", ch.name()};
                for (Ensure e : Ensure.values()) {
                    desired.add(point(ch.ensure() == e ? 1 : 0, with(id, "state", e.word())));
                }
                for (ChildState s : ChildState.values()) {
                    observed.add(point(ch.state() == s ? 1 : 0, with(id, "state", s.wireName())));
                }
                attempts.add(point(ch.attempts(), id));
                if (ch.nextAttemptAt() != null) {
                    nextAttempt.add(point(Math.max(0, seconds(Duration.between(now, ch.nextAttemptAt()))), id));
                }
                ControllerCounters.ChildCounters cc = c.child(conn.name(), ch.name()).orElse(null);
                if (cc == null) {
                    continue;
                }
                Instant unsettled = cc.unsettledSince();
                sinceSuccess.add(point(unsettled == null ? 0 : Math.max(0, seconds(Duration.between(unsettled, now))),
                        id));
                retries.add(counterPoint(cc.retriesScheduled(), id));
                new TreeMap<String, Long>(flatten(cc.failures())).forEach((k, v) -> {
                    String[] kind = k.split("\u0000", 2);
                    failures.add(counterPoint(v, with(with(id, "class", kind[0]), "side", kind[1])));
                });
            }
        }
        out.add(gauge("vici4j_child_desired_state", "What the configuration asks of the child (ensure): 1 for its"
                + " value (up, trap, loaded), 0 for the others", desired));
        out.add(gauge("vici4j_child_observed_state", "The child's state as observed: 1 for the current state"
                + " (installed, establishing, retrying, failed, trapped, loaded, unknown), 0 for the others",
                observed));
        out.add(gauge("vici4j_child_attempts", "Failed attempts since the child's last success (attempts in the"
                + " status)", attempts));
        out.add(gauge("vici4j_child_next_attempt_seconds", "Seconds until the next attempt of a retrying child",
                nextAttempt));
        out.add(gauge("vici4j_child_seconds_since_last_success", "Seconds the child has been out of its desired"
                + " state (not installed, trapped or loaded): 0 while it is as desired; for a child never as desired,"
                + " since the controller first looked at it", sinceSuccess));
        out.add(counter("vici4j_child_failed_attempts", "Failed attempts of the child, by failure class and side"
                + " (local or peer)", failures));
        out.add(counter("vici4j_child_retries_scheduled", "Retries scheduled after failed attempts of the child",
                retries));
    }

    private static Map<String, Long> flatten(Map<ControllerCounters.FailureKind, Long> failures) {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k.failureClass().wireName() + "\u0000" + k.side().wireName(), v));
        return m;
    }

    private static List<CounterDataPointSnapshot> byKey(Map<String, Long> counts, String label, List<String> always) {
        Map<String, Long> m = new TreeMap<>(counts);
        always.forEach(k -> m.putIfAbsent(k, 0L));
        List<CounterDataPointSnapshot> points = new ArrayList<>();
        m.forEach((k, v) -> points.add(counterPoint(v, label, k)));
        return points;
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] l = java.util.Arrays.copyOf(labels, labels.length + 2);
        l[labels.length] = name;
        l[labels.length + 1] = value;
        return l;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private static CounterDataPointSnapshot counterPoint(double value, String... labels) {
        return CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private static SummaryDataPointSnapshot summaryPoint(ControllerCounters.Timing t, String... labels) {
        return SummaryDataPointSnapshot.builder().count(t.count()).sum(seconds(t.total())).labels(Labels.of(labels))
                .build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, List<CounterDataPointSnapshot> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static SummarySnapshot summary(String name, String help, List<SummaryDataPointSnapshot> points) {
        SummarySnapshot.Builder b = SummarySnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }
}
