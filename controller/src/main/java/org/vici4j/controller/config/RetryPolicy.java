package org.vici4j.controller.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

import org.vici4j.controller.failure.FailureClass;

/**
 * How the controller retries bringing a connection's children to their desired state: exponential back-off from
 * {@code initial}, multiplied by {@code multiplier} after each failure up to {@code max}, each delay shortened at
 * random by up to {@code jitter} (a fraction, so retries of many children spread out), at most {@code attempts}
 * times in a row (empty: forever). The YAML key {@code retry} (of a connection or of the controller section) and
 * {@code Controller.Builder.retryPolicy} both take this type; it is never sent to charon.
 *
 * <p>The delay before attempt {@code n+1} after {@code n} consecutive failures is
 * {@code min(max, initial * multiplier^(n-1))}, then reduced by up to {@code jitter} at random, so it never exceeds
 * the cap. Configuration-type failures (proposal or traffic selector mismatch, authentication) will not fix
 * themselves: from the {@code configFailuresToCap}-th consecutive one on, the delay is the cap. Kernel failures keep
 * retrying at the cap forever (the attempt limit does not apply to them); other failures stop after
 * {@code attempts} attempts if a limit is set.
 *
 * <p>Each rule on a setting is checked in one place, the {@code check*} methods, which the constructor, the
 * {@link Builder} and the YAML reader all call; their messages name the YAML key ({@code retry.max}).
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter, OptionalInt attempts,
                          int configFailuresToCap) {

    /** Consecutive configuration-type failures after which the delay is the cap, unless set otherwise. */
    public static final int DEFAULT_CONFIG_FAILURES_TO_CAP = 2;

    /** 1s, 5m, 2.0, 0.2, unlimited, config failures at the cap after 2. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2, OptionalInt.empty());

    public RetryPolicy {
        checkInitial(initial);
        checkMax(max, initial);
        checkMultiplier(multiplier);
        checkJitter(jitter);
        Objects.requireNonNull(attempts, "attempts");
        attempts.ifPresent(RetryPolicy::checkAttempts);
        checkConfigFailuresToCap(configFailuresToCap);
    }

    /** A policy whose configuration-type failures reach the cap after {@link #DEFAULT_CONFIG_FAILURES_TO_CAP}. */
    public RetryPolicy(Duration initial, Duration max, double multiplier, double jitter, OptionalInt attempts) {
        this(initial, max, multiplier, jitter, attempts, DEFAULT_CONFIG_FAILURES_TO_CAP);
    }

    /**
     * @return {@link #DEFAULT}
     * @deprecated the name of the former {@code org.vici4j.controller.retry.RetryPolicy}; use {@link #DEFAULT}
     */
    @Deprecated
    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    /** @return a builder starting from {@link #DEFAULT} */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** @return a builder starting from this policy */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public RetryPolicy withInitial(Duration v) {
        return toBuilder().initial(v).build();
    }

    public RetryPolicy withMax(Duration v) {
        return toBuilder().max(v).build();
    }

    public RetryPolicy withMultiplier(double v) {
        return toBuilder().multiplier(v).build();
    }

    public RetryPolicy withJitter(double v) {
        return toBuilder().jitter(v).build();
    }

    public RetryPolicy withAttempts(OptionalInt v) {
        return new RetryPolicy(initial, max, multiplier, jitter, v, configFailuresToCap);
    }

    /**
     * @return {@link #attempts()}: the failed attempts after which a non-kernel failure is not retried, if limited
     * @deprecated the name of the former {@code org.vici4j.controller.retry.RetryPolicy}; use {@link #attempts()}
     */
    @Deprecated
    public OptionalInt maxAttempts() {
        return attempts;
    }

    /**
     * The delay after the {@code failures}-th consecutive failure (1-based).
     *
     * @param failures consecutive failed attempts so far, at least 1
     * @param lastClass the class of the latest failure
     * @param random a value in [0, 1) drawn from the jitter source
     */
    public Duration delayAfter(int failures, FailureClass lastClass, double random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        double base;
        if (lastClass != null && lastClass.isConfigType() && failures >= configFailuresToCap) {
            base = max.toNanos();
        } else {
            base = initial.toNanos() * Math.pow(multiplier, failures - 1);
            base = Math.min(base, max.toNanos());
        }
        double r = Math.min(Math.max(random, 0.0), 1.0);
        double d = base * (1.0 - jitter * r);
        return Duration.ofNanos((long) Math.max(d, 1_000_000)); // at least 1 ms
    }

    /** @return whether another attempt is allowed after {@code failures} consecutive failures of {@code lastClass} */
    public boolean mayRetry(int failures, FailureClass lastClass) {
        if (attempts.isEmpty() || (lastClass != null && lastClass.isKernel())) {
            return true;
        }
        return failures < attempts.getAsInt();
    }

    // ------------------------------------------------------------------ the rules, each in one place

    /** @return {@code initial} if it is positive */
    public static Duration checkInitial(Duration initial) {
        Objects.requireNonNull(initial, "initial");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry.initial must be positive, got " + initial);
        }
        return initial;
    }

    /** @return {@code max} if it is positive and not less than {@code initial} */
    public static Duration checkMax(Duration max, Duration initial) {
        Objects.requireNonNull(max, "max");
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("retry.max must be positive, got " + max);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry.max (" + max + ") is less than retry.initial (" + initial + ")");
        }
        return max;
    }

    /** @return {@code multiplier} if it is a finite number of at least 1 */
    public static double checkMultiplier(double multiplier) {
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry.multiplier must be a finite number >= 1.0, got " + multiplier);
        }
        return multiplier;
    }

    /** @return {@code jitter} if it is a fraction from 0 to 1 */
    public static double checkJitter(double jitter) {
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry.jitter must be between 0.0 and 1.0, got " + jitter);
        }
        return jitter;
    }

    /** @return {@code attempts} if it is at least 1 */
    public static int checkAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry.attempts must be at least 1, got " + attempts);
        }
        return attempts;
    }

    /** @return {@code n} if it is at least 1 */
    public static int checkConfigFailuresToCap(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("configFailuresToCap must be at least 1, got " + n);
        }
        return n;
    }

    /**
     * Builds a {@link RetryPolicy}; each setter checks its argument with the rule of that setting, and
     * {@link #build()} checks that max is not less than initial.
     */
    public static final class Builder {
        private Duration initial;
        private Duration max;
        private double multiplier;
        private double jitter;
        private OptionalInt attempts;
        private int configFailuresToCap;

        private Builder(RetryPolicy from) {
            initial = from.initial;
            max = from.max;
            multiplier = from.multiplier;
            jitter = from.jitter;
            attempts = from.attempts;
            configFailuresToCap = from.configFailuresToCap;
        }

        /** First delay (default 1 s), positive. */
        public Builder initial(Duration d) {
            this.initial = checkInitial(d);
            return this;
        }

        /** Cap (default 5 min), positive and not less than initial (checked by {@link #build()}). */
        public Builder max(Duration d) {
            this.max = checkMax(d, Duration.ZERO);
            return this;
        }

        /** Growth factor per failure (default 2.0), finite and at least 1. */
        public Builder multiplier(double m) {
            this.multiplier = checkMultiplier(m);
            return this;
        }

        /** Fraction of a delay removed at random, 0 (none) to 1 (default 0.2). */
        public Builder jitter(double j) {
            this.jitter = checkJitter(j);
            return this;
        }

        /** Give up on non-kernel failures after this many failed attempts (default: never). */
        public Builder maxAttempts(int n) {
            this.attempts = OptionalInt.of(checkAttempts(n));
            return this;
        }

        /** Retry forever (the default). */
        public Builder unlimitedAttempts() {
            this.attempts = OptionalInt.empty();
            return this;
        }

        /** After this many consecutive configuration-type failures, wait the cap (default 2, at least 1). */
        public Builder configFailuresToCap(int n) {
            this.configFailuresToCap = checkConfigFailuresToCap(n);
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(initial, max, multiplier, jitter, attempts, configFailuresToCap);
        }
    }
}
