package org.vici4j.controller.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the controller retries bringing a connection's children to their desired state: exponential
 * back-off from {@code initial}, multiplied by {@code multiplier} after each failure up to {@code max},
 * each delay shortened at random by up to {@code jitter} (a fraction, so retries of many children
 * spread out), at most {@code attempts} times in a row (empty: forever). The exact retry semantics
 * are those of {@code org.vici4j.controller.retry.RetryPolicy}. A controller key; never sent to charon.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter, OptionalInt attempts) {

    /** 1s, 5m, 2.0, 0.2, unlimited. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2, OptionalInt.empty());

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(attempts, "attempts");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry.initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry.max (" + max + ") must not be less than retry.initial (" + initial + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry.multiplier must be >= 1.0: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry.jitter must be between 0 and 1: " + jitter);
        }
        if (attempts.isPresent() && attempts.getAsInt() < 1) {
            throw new IllegalArgumentException("retry.attempts must be at least 1: " + attempts.getAsInt());
        }
    }

    public RetryPolicy withInitial(Duration v) {
        return new RetryPolicy(v, max, multiplier, jitter, attempts);
    }

    public RetryPolicy withMax(Duration v) {
        return new RetryPolicy(initial, v, multiplier, jitter, attempts);
    }

    public RetryPolicy withMultiplier(double v) {
        return new RetryPolicy(initial, max, v, jitter, attempts);
    }

    public RetryPolicy withJitter(double v) {
        return new RetryPolicy(initial, max, multiplier, v, attempts);
    }

    public RetryPolicy withAttempts(OptionalInt v) {
        return new RetryPolicy(initial, max, multiplier, jitter, v);
    }
}
