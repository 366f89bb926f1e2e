package org.vici4j.controller.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import org.vici4j.controller.internal.TaskScheduler;

/** A {@link TaskScheduler} driven by the test: tasks run in {@link #runPending()}, timers fire in {@link #advance}. */
public final class ManualScheduler implements TaskScheduler {

    private final MutableClock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timed> timers = new ArrayList<>();
    private long seq;

    private final class Timed implements Cancellable {
        final Instant due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Timed(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                timers.remove(this);
            }
        }
    }

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Timed t = new Timed(clock.instant().plus(delay), seq++, task);
        timers.add(t);
        return t;
    }

    /** Runs ready tasks (and those they submit) until none is left. */
    public void runPending() {
        for (int i = 0; i < 100_000; i++) {
            Runnable r;
            synchronized (this) {
                r = ready.poll();
            }
            if (r == null) {
                return;
            }
            r.run();
        }
        throw new AssertionError("tasks keep submitting tasks: livelock?");
    }

    /** Moves the clock forward, firing due timers in order (running ready tasks after each). */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        runPending();
        while (true) {
            Timed next;
            synchronized (this) {
                next = timers.stream().filter(t -> !t.due.isAfter(end))
                        .min(Comparator.<Timed, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next != null) {
                    timers.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.task.run();
            runPending();
        }
        clock.set(end);
        runPending();
    }

    /** @return when the earliest timer is due, or null */
    public synchronized Instant nextTimer() {
        return timers.stream().map(t -> t.due).min(Comparator.naturalOrder()).orElse(null);
    }
}
