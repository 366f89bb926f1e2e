package org.vici4j.controller.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.failure.Failure;

/**
 * The counts of one desired child ({@link ControllerCounters.ChildCounters}): written by its connection's worker,
 * read by whoever asks for the counters; they live and go with the child's {@link ChildRuntime}.
 */
final class ChildCounts {

    private final Map<ControllerCounters.FailureKind, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder retries = new LongAdder();
    private volatile Instant unsettledSince;

    /** An attempt failed; {@code retryScheduled}: the retry policy scheduled the next one. */
    void failed(Failure f, boolean retryScheduled) {
        failures.computeIfAbsent(new ControllerCounters.FailureKind(f.failureClass(), f.side()),
                k -> new LongAdder()).increment();
        if (retryScheduled) {
            retries.increment();
        }
    }

    /** The worker decided the child's state at {@code now}. */
    void observed(ChildState state, Instant now) {
        boolean settled = state == ChildState.INSTALLED || state == ChildState.TRAPPED || state == ChildState.LOADED;
        if (settled) {
            unsettledSince = null;
        } else if (unsettledSince == null) {
            unsettledSince = now;
        }
    }

    ControllerCounters.ChildCounters snapshot() {
        Map<ControllerCounters.FailureKind, Long> f = new HashMap<>();
        failures.forEach((k, v) -> f.put(k, v.sum()));
        return new ControllerCounters.ChildCounters(f, retries.sum(), unsettledSince);
    }
}
