package org.vici4j.controller;

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
 */
public record ChildStatus(String name, Ensure ensure, ChildState state, int attempts, Instant nextAttemptAt,
        Failure lastFailure) {

    public ChildStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ensure, "ensure");
        Objects.requireNonNull(state, "state");
    }

    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(lastFailure);
    }
}
