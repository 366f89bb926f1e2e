package org.vici4j.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;

/**
 * What the controller counted since it was built, read on demand ({@link Controller#counters()}): a copy, taken in
 * the time it takes to copy the maps; nothing is computed for it between reads. Exposed as Prometheus metrics by
 * {@link org.vici4j.controller.http.ControllerHttpServer}. Every key is bounded: VICI command and event names,
 * connection and child names of the desired state, failure classes and sides.
 *
 * @param requests requests sent to charon per VICI command (event registrations count as {@code register})
 * @param requestTimes per command, the requests that completed (answered or failed) and the time they took in all
 * @param requestFailures per command, the requests that failed (no answer in time, connection lost, a protocol
 *     error); a {@code success = no} answer is an answer, not a failure here
 * @param events events received from charon, per event name
 * @param reconnects how often charon was reached again, and everything re-applied, after the connection was lost
 * @param eventGaps event streams that missed events, per cause ({@code connection-lost}: charon restarted or the
 *     connection broke; {@code dropped}: the controller fell behind and events were dropped)
 * @param fullPasses the full reconcile passes (observe charon, plan, load and unload) and the time they took
 * @param connectionPasses the per-connection reconcile passes (decide and act per child) and the time they took
 * @param children per desired connection, per child: failed attempts and retries
 */
public record ControllerCounters(Map<String, Long> requests, Map<String, Timing> requestTimes,
        Map<String, Long> requestFailures, Map<String, Long> events, long reconnects, Map<String, Long> eventGaps,
        Timing fullPasses, Timing connectionPasses, Map<String, Map<String, ChildCounters>> children) {

    public ControllerCounters {
        requests = Map.copyOf(requests);
        requestTimes = Map.copyOf(requestTimes);
        requestFailures = Map.copyOf(requestFailures);
        events = Map.copyOf(events);
        eventGaps = Map.copyOf(eventGaps);
        Objects.requireNonNull(fullPasses, "fullPasses");
        Objects.requireNonNull(connectionPasses, "connectionPasses");
        children = Map.copyOf(children);
    }

    /** Nothing counted yet. */
    public static ControllerCounters none() {
        return new ControllerCounters(Map.of(), Map.of(), Map.of(), Map.of(), 0, Map.of(), Timing.NONE, Timing.NONE,
                Map.of());
    }

    /** @return the counts of a child, if the controller has decided about it */
    public java.util.Optional<ChildCounters> child(String connection, String child) {
        return java.util.Optional.ofNullable(children.getOrDefault(connection, Map.of()).get(child));
    }

    /**
     * How often something took place, and how long it took in all.
     *
     * @param count how often
     * @param total the time of all of them together
     */
    public record Timing(long count, Duration total) {
        public static final Timing NONE = new Timing(0, Duration.ZERO);

        public Timing {
            Objects.requireNonNull(total, "total");
        }
    }

    /**
     * A failure's class and side: the key of the failure counts.
     *
     * @param failureClass what failed
     * @param side where
     */
    public record FailureKind(FailureClass failureClass, Side side) {
        public FailureKind {
            Objects.requireNonNull(failureClass, "failureClass");
            Objects.requireNonNull(side, "side");
        }
    }

    /**
     * The counts of one desired child.
     *
     * @param failures failed attempts since the controller started, per failure class and side
     * @param retriesScheduled how often a failed attempt was followed by a scheduled retry (the rest: the retry
     *     policy gave up)
     * @param unsettledSince since when the child is not as desired (not installed, trapped or loaded), or null while
     *     it is; for a child never settled, when the controller first decided about it
     */
    public record ChildCounters(Map<FailureKind, Long> failures, long retriesScheduled, Instant unsettledSince) {
        public ChildCounters {
            failures = Map.copyOf(failures);
        }

        /** @return failed attempts of this class and side */
        public long failures(FailureClass failureClass, Side side) {
            return failures.getOrDefault(new FailureKind(failureClass, side), 0L);
        }
    }
}
