package org.vici4j.controller.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.ChildState;
import org.vici4j.controller.ChildStatus;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.LogLine;
import org.vici4j.controller.retry.RetryPolicy;
import org.vici4j.controller.retry.RetryState;

/**
 * What the reconciler keeps per desired child between runs: retry bookkeeping, the initiate in flight and its
 * outcome, failures seen while it was in flight, and the latest status snapshot. Owned by the worker of the child's
 * connection; {@link #pending} and {@link #snapshot} are also read or written from other threads.
 */
final class ChildRuntime {

    /** The result of an initiate: the response, or the error it failed with. */
    record Outcome(ViciSection response, Throwable error) {
    }

    final String name;
    RetryPolicy policy;
    RetryState retry;
    boolean inFlight;
    Instant attemptStart;
    List<LogLine> controlLog = new CopyOnWriteArrayList<>();
    volatile Outcome pending;
    final List<Failure> alerts = new ArrayList<>();
    ChildState state = ChildState.LOADED;
    Instant quietUntil = Instant.MIN;
    /** charon continues an attempt of ours after the initiate returned ("not established after"). */
    boolean awaitingCharon;
    /** when the continued attempt was first seen to have ended without a CHILD_SA, or null */
    Instant endedAt;
    volatile ChildStatus snapshot;

    ChildRuntime(String name) {
        this.name = name;
    }
}
