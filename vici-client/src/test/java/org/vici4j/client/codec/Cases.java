package org.vici4j.client.codec;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a check over a bounded number of seeded random cases. Seeds are fixed so that CI runs are
 * deterministic; a failure names the seed of the failing case, and {@code -Dvici4j.test.seed=N}
 * shifts all seeds to explore other cases.
 */
public final class Cases {

    private static final long SEED_SHIFT = Long.getLong("vici4j.test.seed", 0L);

    private Cases() {
    }

    /**
     * @param baseSeed first seed
     * @param tries number of cases
     * @param check the check, given a generator over {@link #random(long) random(baseSeed + i)}
     */
    public static void check(long baseSeed, int tries, Consumer<RandomPackets> check) {
        for (int i = 0; i < tries; i++) {
            long seed = SEED_SHIFT + baseSeed + i;
            try {
                check.accept(new RandomPackets(random(seed)));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + " of " + tries + " failed (seed " + seed
                        + "; reproduce with new RandomPackets(Cases.random(" + seed + "L))): " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param seed a seed
     * @return a {@link Random} seeded from a scrambled {@code seed} ({@code java.util.Random}'s first
     *         outputs for consecutive seeds are nearly identical, so seeds are mixed first)
     */
    public static Random random(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }
}
