package org.vici4j.controller.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;

/**
 * The status of one desired child.
 *
 * @param name child name
 * @param ensure what the controller keeps true for it
 * @param state what is observed
 * @param attempts failed attempts since the last success
 * @param nextAttemptAt when the next attempt is due, or null
 * @param lastFailure the latest classified failure, or null (kept after recovery until the next failure)
 * @param since when the controller saw the child enter {@code state}, or null if not known (a status file written
 *     by an older version)
 */
public record ChildStatus(String name, Ensure ensure, ChildState state, int attempts, Instant nextAttemptAt,
        Failure lastFailure, Instant since) {

    public ChildStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ensure, "ensure");
        Objects.requireNonNull(state, "state");
    }

    /** A status without the time of the last state change. */
    public ChildStatus(String name, Ensure ensure, ChildState state, int attempts, Instant nextAttemptAt,
            Failure lastFailure) {
        this(name, ensure, state, attempts, nextAttemptAt, lastFailure, null);
    }

    /** @return when the controller saw the child enter its state, if known */
    public Optional<Instant> stateSince() {
        return Optional.ofNullable(since);
    }

    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(lastFailure);
    }
}
