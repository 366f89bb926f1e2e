package org.vici4j.controller.status;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.controller.failure.Failure;

/**
 * Logs what changed between two status snapshots: one line per change (state transition, new failure, charon
 * reachability), never one per poll. Says the same as the status file; never a secret (status holds none).
 */
public final class StatusChangeLogger {

    private final Logger log;

    public StatusChangeLogger() {
        this(LoggerFactory.getLogger("org.vici4j.controller.status"));
    }

    public StatusChangeLogger(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Logs the differences; returns how many lines were logged. */
    public int logChanges(ControllerStatus previous, ControllerStatus current) {
        int n = 0;
        CharonStatus was = previous.charon();
        CharonStatus now = current.charon();
        if (was.state() != now.state() || (!now.connected() && !Objects.equals(was.problem(), now.problem()))) {
            switch (now.state()) {
                case CONNECTED -> log.info("charon {} (version {})",
                        was.state() == CharonStatus.State.UNRESPONSIVE ? "answers again" : "reachable", now.version());
                case UNRESPONSIVE -> log.warn("charon does not answer: {}; the children's states are the last seen,"
                        + " not current", now.problem() == null ? "a request timed out" : now.problem());
                case UNREACHABLE -> log.warn("charon unreachable: {}; will re-apply everything when it is back",
                        now.problem() == null ? "not connected" : now.problem());
            }
            n++;
        }
        for (ChildChange change : ChildChange.between(previous, current)) {
            String key = change.key();
            ChildStatus old = change.before();
            ChildStatus ch = change.now();
            Failure f = ch.lastFailure();
            if (change.newFailure()) {
                String next = ch.nextAttemptAt() == null ? "" : "; next attempt at " + ch.nextAttemptAt();
                log.warn("child {}: {} ({} failed attempt(s) since the last success): {}{}; evidence: {}", key,
                        ch.state().wireName(), ch.attempts(), f.summary(), next, String.join(" | ", f.evidence()));
                n++;
            } else if (old == null && (ch.state() == ChildState.UNKNOWN || ch.state() == ChildState.LOADED)
                    && ch.lastFailure() == null) {
                log.debug("child {}: desired (ensure {})", key, ch.ensure().word());
            } else if (ch.state() == ChildState.UNKNOWN || (old != null && old.state() == ChildState.UNKNOWN
                    && ch.state() == ChildState.INSTALLED && now.connected() && !was.connected())) {
                // charon went away or came back: said once in the charon line, not once per child
                log.debug("child {}: {} (ensure {})", key, ch.state().wireName(), ch.ensure().word());
            } else if (change.stateChanged()) {
                if (ch.state() == ChildState.FAILED) {
                    log.error("child {}: failed, retries exhausted after {} attempt(s)", key, ch.attempts());
                } else if (ch.state() == ChildState.RETRYING) {
                    log.info("child {}: retrying, next attempt at {}", key, ch.nextAttemptAt());
                } else {
                    log.info("child {}: {} (ensure {})", key, ch.state().wireName(), ch.ensure().word());
                }
                n++;
            }
        }
        return n;
    }
}
