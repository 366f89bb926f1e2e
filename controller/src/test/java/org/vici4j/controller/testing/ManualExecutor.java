package org.vici4j.controller.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.vici4j.controller.internal.TaskScheduler;

/**
 * A {@link ScheduledExecutorService} over a {@link ManualScheduler}, so that a {@code Controller} built with
 * {@code executor(...)} runs only when the test says so ({@link ManualScheduler#runPending()},
 * {@link ManualScheduler#advance}). Supports what the controller uses: {@code execute} and one-shot
 * {@code schedule} of a {@link Runnable}.
 */
public final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualScheduler scheduler;
    private final MutableClock clock;
    private volatile boolean shutdown;

    public ManualExecutor(ManualScheduler scheduler, MutableClock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void execute(Runnable command) {
        if (!shutdown) {
            scheduler.execute(command);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(delay));
        long due = clock.millis() + d.toMillis();
        boolean[] state = new boolean[2]; // cancelled, done
        TaskScheduler.Cancellable c = scheduler.schedule(() -> {
            state[1] = true;
            command.run();
        }, d);
        return new ScheduledFuture<Object>() {
            @Override
            public long getDelay(TimeUnit u) {
                return u.convert(due - clock.millis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public int compareTo(Delayed o) {
                return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                c.cancel();
                state[0] = !state[1];
                return state[0];
            }

            @Override
            public boolean isCancelled() {
                return state[0];
            }

            @Override
            public boolean isDone() {
                return state[0] || state[1];
            }

            @Override
            public Object get() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object get(long timeout, TimeUnit u) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
