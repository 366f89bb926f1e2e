package org.vici4j.client.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.vici4j.client.ViciScheduler;

/** A {@link ViciScheduler} whose time only moves when a test calls {@link #advance(Duration)}. Thread-safe. */
public final class ManualScheduler implements ViciScheduler {

    private record Task(long due, Runnable run, CompletableFuture<Void> handle) {}

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        tasks.add(new Task(now + delay.toNanos(), task, handle));
        return handle;
    }

    /** Moves time forward and runs every task that became due (on the calling thread), in due order. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            now += d.toNanos();
            target = now;
        }
        while (true) {
            Task next = null;
            synchronized (this) {
                for (Task t : tasks) {
                    if (t.due <= target && (next == null || t.due < next.due)) {
                        next = t;
                    }
                }
                if (next == null) {
                    return;
                }
                tasks.remove(next);
            }
            if (!next.handle.isCancelled()) {
                next.run.run();
                next.handle.complete(null);
            }
        }
    }

    /** @return the number of scheduled tasks that are neither run nor cancelled */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.handle.isCancelled()).count();
    }
}
