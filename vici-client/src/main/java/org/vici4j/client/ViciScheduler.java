package org.vici4j.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs delayed tasks for the client: request timeouts and reconnect backoff. Injectable so that tests
 * can control time.
 */
@FunctionalInterface
public interface ViciScheduler {

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @return a handle whose {@link Future#cancel(boolean)} prevents the task from running
     */
    Future<?> schedule(Runnable task, Duration delay);

    /** @return a scheduler backed by {@code executor} (which the caller keeps owning) */
    static ViciScheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
