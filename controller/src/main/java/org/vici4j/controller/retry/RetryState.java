package org.vici4j.controller.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;

/**
 * The retry bookkeeping of one child: consecutive failures, the latest failure and when the next attempt is due.
 * Not thread-safe: owned by the worker of the child's connection.
 */
public final class RetryState {

    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private int failures;
    private Failure lastFailure;
    private Instant nextAttemptAt;
    private boolean givenUp;

    public RetryState(RetryPolicy policy, Clock clock, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Records a failed attempt and schedules the next.
     *
     * @return when the next attempt is due, or empty if the policy gives up (see {@link #hasGivenUp()})
     */
    public Optional<Instant> recordFailure(Failure failure) {
        Objects.requireNonNull(failure, "failure");
        failures++;
        lastFailure = failure;
        FailureClass c = failure.failureClass();
        if (!policy.mayRetry(failures, c)) {
            givenUp = true;
            nextAttemptAt = null;
            return Optional.empty();
        }
        givenUp = false;
        Duration d = policy.delayAfter(failures, c, random.nextDouble());
        nextAttemptAt = clock.instant().plus(d);
        return Optional.of(nextAttemptAt);
    }

    /** The child is up: forget failures and the schedule. The last failure stays available for reporting history. */
    public void recordSuccess() {
        failures = 0;
        nextAttemptAt = null;
        givenUp = false;
    }

    /**
     * A fresh relevant event arrived (the peer came back, the configuration changed, ...): the next attempt is due
     * now, also after the policy gave up. The failure count is kept, so a new failure continues the backoff.
     *
     * @return whether a wait was actually cut short
     */
    public boolean cutShort() {
        boolean waiting = givenUp || (nextAttemptAt != null && nextAttemptAt.isAfter(clock.instant()));
        if (waiting) {
            nextAttemptAt = clock.instant();
            givenUp = false;
        }
        return waiting;
    }

    /** @return whether an attempt may be made now */
    public boolean isDue() {
        return !givenUp && (nextAttemptAt == null || !nextAttemptAt.isAfter(clock.instant()));
    }

    /** @return consecutive failed attempts since the last success */
    public int failures() {
        return failures;
    }

    /** @return the latest failure, if any */
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Replaces the latest failure without counting an attempt (e.g. a passive failure seen at a responder). */
    public void noteFailure(Failure failure) {
        lastFailure = failure;
    }

    /** @return when the next attempt is due; empty if none is scheduled (never failed, succeeded, or gave up) */
    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    /** @return whether the policy's attempt limit was reached */
    public boolean hasGivenUp() {
        return givenUp;
    }

    public RetryPolicy policy() {
        return policy;
    }
}
