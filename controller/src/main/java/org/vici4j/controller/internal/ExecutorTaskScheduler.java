package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link TaskScheduler} over a {@link ScheduledExecutorService}; tasks submitted after shutdown are dropped. */
public final class ExecutorTaskScheduler implements TaskScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final ScheduledExecutorService executor;

    public ExecutorTaskScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guard(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("task dropped: executor shut down");
        }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> f = executor.schedule(guard(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {
            };
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("controller task failed", e);
            }
        };
    }
}
