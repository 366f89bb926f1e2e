package org.vici4j.controller.internal;

import java.time.Instant;

import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.retry.RetryState;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;

/**
 * What the reconciler keeps per desired child between runs: retry bookkeeping, the attempt under way, and the latest
 * status snapshot. Owned by the worker of the child's connection; {@link #reply} and {@link #snapshot} are also
 * read or written from other threads.
 */
final class ChildRuntime {

    /**
     * How an initiate sent with a negative timeout failed at once: charon's refusal
     * ({@link org.vici4j.client.CommandFailedException}) or the error the request failed with.
     */
    record Reply(Throwable error) {
    }

    final String name;
    RetryPolicy policy;
    RetryState retry;
    /** an initiate of ours was sent and its outcome (installed, or a failure in the log/alerts) not seen yet */
    boolean awaiting;
    Instant attemptStart = Instant.MIN;
    /** when the attempt under way is overdue */
    Instant deadline;
    /** how many times an overdue attempt was found still negotiating */
    int overdueChecks;
    volatile Reply reply;
    ChildState state = ChildState.LOADED;
    Instant quietUntil = Instant.MIN;
    volatile ChildStatus snapshot;
    /** failed attempts and retries, for {@link org.vici4j.controller.Controller#counters()} */
    final ChildCounts counts = new ChildCounts();

    ChildRuntime(String name) {
        this.name = name;
    }
}
