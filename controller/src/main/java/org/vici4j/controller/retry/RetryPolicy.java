package org.vici4j.controller.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

import org.vici4j.controller.failure.FailureClass;

/**
 * How a child's failed attempts are retried: exponential backoff with jitter and a cap. Immutable; create with
 * {@link #builder()}.
 *
 * <p>The delay before attempt {@code n+1} after {@code n} consecutive failures is
 * {@code min(max, initial * multiplier^(n-1))}, then reduced by up to {@code jitter} (a fraction) at random, so it
 * never exceeds the cap and retries of many children spread out. Configuration-type failures (proposal or traffic
 * selector mismatch, authentication) will not fix themselves: from the {@link #configFailuresToCap()}-th
 * consecutive one on, the delay is the cap. Kernel failures keep retrying at the cap forever (the attempt limit does
 * not apply to them); other failures stop after {@link #maxAttempts()} attempts if a limit is set.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final Integer maxAttempts;
    private final int configFailuresToCap;

    private RetryPolicy(Builder b) {
        this.initial = b.initial;
        this.max = b.max;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.configFailuresToCap = b.configFailuresToCap;
    }

    /** Defaults: initial 1 s, max 5 min, multiplier 2, jitter 0.2, no attempt limit, config failures at cap after 2. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The policy for a {@code retry} section of the desired state ({@code attempts} becomes the attempt limit;
     * the jitter fraction only ever shortens a delay here, so the cap is a hard upper bound).
     */
    public static RetryPolicy from(org.vici4j.controller.config.RetryPolicy config) {
        Builder b = builder().initial(config.initial()).max(config.max()).multiplier(config.multiplier())
                .jitter(config.jitter());
        config.attempts().ifPresent(b::maxAttempts);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.initial = initial;
        b.max = max;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxAttempts = maxAttempts;
        b.configFailuresToCap = configFailuresToCap;
        return b;
    }

    public Duration initial() {
        return initial;
    }

    public Duration max() {
        return max;
    }

    public double multiplier() {
        return multiplier;
    }

    /** @return the fraction (0..1) by which a delay is randomly shortened */
    public double jitter() {
        return jitter;
    }

    /** @return the number of failed attempts after which a non-kernel failure is not retried, if limited */
    public OptionalInt maxAttempts() {
        return maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
    }

    /** @return after this many consecutive configuration-type failures the delay is the cap */
    public int configFailuresToCap() {
        return configFailuresToCap;
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
        if (maxAttempts == null || (lastClass != null && lastClass.isKernel())) {
            return true;
        }
        return failures < maxAttempts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && initial.equals(p.initial) && max.equals(p.max) && multiplier == p.multiplier
                && jitter == p.jitter && Objects.equals(maxAttempts, p.maxAttempts)
                && configFailuresToCap == p.configFailuresToCap;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initial, max, multiplier, jitter, maxAttempts, configFailuresToCap);
    }

    @Override
    public String toString() {
        return "RetryPolicy{initial=" + initial + ", max=" + max + ", multiplier=" + multiplier + ", jitter=" + jitter
                + ", maxAttempts=" + (maxAttempts == null ? "unlimited" : maxAttempts) + ", configFailuresToCap="
                + configFailuresToCap + "}";
    }

    /** Builds a {@link RetryPolicy}; each setter validates its argument. */
    public static final class Builder {
        private Duration initial = Duration.ofSeconds(1);
        private Duration max = Duration.ofMinutes(5);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private Integer maxAttempts;
        private int configFailuresToCap = 2;

        private Builder() {
        }

        /** First delay (default 1 s), positive. */
        public Builder initial(Duration d) {
            this.initial = positive(d, "initial");
            return this;
        }

        /** Cap (default 5 min), positive. */
        public Builder max(Duration d) {
            this.max = positive(d, "max");
            return this;
        }

        /** Growth factor per failure (default 2.0), finite and at least 1. */
        public Builder multiplier(double m) {
            if (!(m >= 1.0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("retry multiplier must be a finite number >= 1.0, got " + m);
            }
            this.multiplier = m;
            return this;
        }

        /** Fraction of a delay removed at random, 0 (none) to 1 (default 0.2). */
        public Builder jitter(double j) {
            if (!(j >= 0.0 && j <= 1.0)) {
                throw new IllegalArgumentException("retry jitter must be between 0.0 and 1.0, got " + j);
            }
            this.jitter = j;
            return this;
        }

        /** Give up on non-kernel failures after this many failed attempts (default: never). */
        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /** Retry forever (the default). */
        public Builder unlimitedAttempts() {
            this.maxAttempts = null;
            return this;
        }

        /** After this many consecutive configuration-type failures, wait the cap (default 2, at least 1). */
        public Builder configFailuresToCap(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("configFailuresToCap must be at least 1, got " + n);
            }
            this.configFailuresToCap = n;
            return this;
        }

        public RetryPolicy build() {
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("retry max " + max + " is shorter than initial " + initial
                        + "; make max at least initial");
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retry " + what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
