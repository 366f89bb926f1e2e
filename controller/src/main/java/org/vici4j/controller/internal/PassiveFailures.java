package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.plan.ObservedConnection;

/**
 * Failures charon reports on its own, as {@code log} lines or {@code alert}s, queued per connection by the event
 * thread and applied to the connection's children by its worker: they end the attempt under way, or are recorded as
 * the children's latest failure. charon 6.0.3+ reports one failure twice (log lines and an alert, as separate
 * events); the two halves are merged into one failure.
 */
final class PassiveFailures {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** How far apart an alert and the log lines of the same failure may arrive. */
    private static final Duration SAME_EVENT = Duration.ofSeconds(5);

    /** One failure seen in charon's log or alerts, for an IKE_SA (and maybe a child) of a connection. */
    record Passive(String ikeSaName, String childName, Failure failure, boolean alert) {
    }

    /** Ends a child's attempt under way with a failure. */
    interface AttemptEnd {
        void end(String conn, ChildRuntime r, Failure f);
    }

    private final Map<String, Queue<Passive>> queues = new ConcurrentHashMap<>();

    /** Queues a failure of a connection (any thread). */
    void add(String conn, Passive p) {
        queues.computeIfAbsent(conn, k -> new ConcurrentLinkedQueue<>()).add(p);
    }

    /** Drops what is queued for a connection that is no longer desired. */
    void forget(String conn) {
        queues.remove(conn);
    }

    /** Applies the failures queued for a connection to its children (its worker's thread). */
    void apply(String conn, Map<String, ChildRuntime> rt, ObservedConnection obs, AttemptEnd attemptEnd) {
        Queue<Passive> q = queues.get(conn);
        if (q == null) {
            return;
        }
        Passive p;
        while ((p = q.poll()) != null) {
            for (ChildRuntime r : targets(p, rt, obs)) {
                apply(conn, r, p, attemptEnd);
            }
        }
    }

    /** The children a failure concerns: the one it names, the only one, or those not installed. */
    private static List<ChildRuntime> targets(Passive p, Map<String, ChildRuntime> rt, ObservedConnection obs) {
        List<ChildRuntime> targets = new ArrayList<>();
        if (p.childName() != null && rt.containsKey(p.childName())) {
            targets.add(rt.get(p.childName()));
        } else if (rt.size() == 1) {
            targets.addAll(rt.values());
        } else {
            for (ChildRuntime r : rt.values()) {
                if (r.awaiting || !obs.installed(r.name)) {
                    targets.add(r);
                }
            }
        }
        return targets;
    }

    private static void apply(String conn, ChildRuntime r, Passive p, AttemptEnd attemptEnd) {
        Failure last = r.retry.lastFailure().orElse(null);
        Failure merged = withAlertOfTheSameEvent(last, p);
        if (r.awaiting) {
            attemptEnd.end(conn, r, merged != p.failure() ? merged.withAt(p.failure().at()) : p.failure());
            LOG.debug("attempt of {}/{} failed: {}", conn, r.name, p.failure().summary());
        } else if (last != null && !p.failure().at().isAfter(r.quietUntil) && isAlert(last) != p.alert()) {
            // the other half (alert or log lines) of the attempt that just ended: one failure, the alert's class,
            // both as evidence
            r.retry.amendLastFailure(p.alert() ? last.mergedWithAlert(p.failure())
                    : p.failure().mergedWithAlert(last).withAt(last.at()));
        } else if (merged != p.failure()) {
            r.retry.amendLastFailure(merged); // the other half of the failure just recorded
        } else if (p.alert() || p.failure().at().isAfter(r.quietUntil)) {
            r.retry.noteFailure(p.failure());
            LOG.debug("failure seen in charon's {} for {}/{}: {}", p.alert() ? "alerts" : "log", conn, r.name,
                    p.failure().summary());
        }
    }

    private static boolean isAlert(Failure f) {
        return f.evidence().stream().anyMatch(l -> l.startsWith("alert "));
    }

    /**
     * When the failure noted just before is the other half of the same event (same class and side, within
     * {@link #SAME_EVENT}, one an alert and the other log lines), combines the two, so that the status keeps both
     * the alert and the log lines that explain it.
     *
     * @return the combination, or {@code p.failure()} itself if they are not two halves of one failure
     */
    static Failure withAlertOfTheSameEvent(Failure previous, Passive p) {
        Failure f = p.failure();
        if (previous == null || previous.failureClass() != f.failureClass() || previous.side() != f.side()
                || Duration.between(previous.at(), f.at()).abs().compareTo(SAME_EVENT) > 0) {
            return f;
        }
        if (p.alert() == isAlert(previous)) {
            return f;
        }
        return p.alert() ? previous.mergedWithAlert(f) : f.mergedWithAlert(previous);
    }

    /** @return whether nothing is queued (for tests) */
    boolean isEmpty() {
        return queues.values().stream().allMatch(Queue::isEmpty);
    }
}
