package org.vici4j.controller.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.vici4j.controller.config.RetryPolicy;
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
    /** failures before the latest cut-short: the backoff counts only those after it */
    private int backoffOffset;
    private Failure lastFailure;
    private Instant nextAttemptAt;
    /** when the latest failure was recorded, and the jitter draw of its delay (to revise it, see amend) */
    private Instant recordedAt;
    private double jitterDraw;
    private boolean recordedTransient;
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
        return recordFailure(failure, false);
    }

    /**
     * Records a failed attempt and schedules the next.
     *
     * <p>A configuration-type failure backs off to the policy's cap quickly, unless it is ambiguous: a peer's
     * NO_PROPOSAL_CHOSEN or TS_UNACCEPTABLE for the CHILD_SA after the IKE_SA was authenticated may just as well be
     * the peer's kernel failing to install it ({@link #isAmbiguous(Failure)}), and the caller may know more
     * ({@code assumeTransient}, e.g. an IKE proposal mismatch from a peer whose IKE_SA was up a moment ago: a peer
     * restarting without its configuration yet). Those back off exponentially, like a transient failure.
     *
     * @return when the next attempt is due, or empty if the policy gives up (see {@link #hasGivenUp()})
     */
    public Optional<Instant> recordFailure(Failure failure, boolean assumeTransient) {
        Objects.requireNonNull(failure, "failure");
        failures++;
        lastFailure = failure;
        FailureClass c = assumeTransient || isAmbiguous(failure) ? null : failure.failureClass();
        if (!policy.mayRetry(failures, c)) {
            givenUp = true;
            nextAttemptAt = null;
            return Optional.empty();
        }
        givenUp = false;
        recordedAt = clock.instant();
        jitterDraw = random.nextDouble();
        recordedTransient = assumeTransient;
        Duration d = policy.delayAfter(Math.max(1, failures - backoffOffset), c, jitterDraw);
        nextAttemptAt = clock.instant().plus(d);
        return Optional.of(nextAttemptAt);
    }

    /**
     * @return whether the failure is a peer's rejection of the CHILD_SA after authentication (NO_PROPOSAL_CHOSEN or
     *     TS_UNACCEPTABLE): a configuration mismatch, or the peer's kernel refusing the SA
     */
    public static boolean isAmbiguous(Failure f) {
        return f.side() == org.vici4j.controller.failure.Side.PEER
                && (f.failureClass() == FailureClass.PROPOSAL_MISMATCH_CHILD
                        || f.failureClass() == FailureClass.TS_MISMATCH);
    }

    /** The child is up: forget failures and the schedule. The last failure stays available for reporting history. */
    public void recordSuccess() {
        failures = 0;
        backoffOffset = 0;
        nextAttemptAt = null;
        givenUp = false;
    }

    /**
     * A fresh relevant event arrived (the peer came back or changed, the configuration changed, charon restarted):
     * the next attempt is due now, also after the policy gave up, and the backoff starts again from the policy's
     * initial delay. The failure count is kept for reporting.
     *
     * @return whether a wait was actually cut short
     */
    public boolean cutShort() {
        boolean waiting = givenUp || (nextAttemptAt != null && nextAttemptAt.isAfter(clock.instant()));
        if (waiting) {
            nextAttemptAt = clock.instant();
            givenUp = false;
            backoffOffset = failures;
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

    /**
     * Completes the latest failure with what arrived later about the same attempt (on strongSwan 6.x the alert and
     * the log lines of one failure are separate events): the failure is replaced, and the wait is computed again
     * from the time the failure was recorded, in case the completed failure is of another kind (a peer's
     * NO_PROPOSAL_CHOSEN seen in the log lines after an alert that could not tell the side).
     */
    public void amendLastFailure(Failure failure) {
        Objects.requireNonNull(failure, "failure");
        lastFailure = failure;
        if (nextAttemptAt == null || recordedAt == null || failures < 1) {
            return;
        }
        FailureClass c = recordedTransient || isAmbiguous(failure) ? null : failure.failureClass();
        nextAttemptAt = recordedAt.plus(policy.delayAfter(Math.max(1, failures - backoffOffset), c, jitterDraw));
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
