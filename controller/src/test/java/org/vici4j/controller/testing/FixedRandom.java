package org.vici4j.controller.testing;

import java.util.random.RandomGenerator;

/** A jitter source that always draws the same value, so that backoff delays are exact in tests. */
public final class FixedRandom implements RandomGenerator {

    private final double value;

    private FixedRandom(double value) {
        this.value = value;
    }

    /** @return a generator whose {@code nextDouble()} is always {@code value} (and {@code nextLong()} 0) */
    public static RandomGenerator of(double value) {
        return new FixedRandom(value);
    }

    @Override
    public long nextLong() {
        return 0;
    }

    @Override
    public double nextDouble() {
        return value;
    }
}
