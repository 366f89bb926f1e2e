package org.vici4j.controller.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Work split by key, as in a Kubernetes-style controller: {@link #markDirty(String)} makes a key's worker run soon;
 * at most one worker per key runs at a time, and a key marked dirty while its worker runs is run once more
 * afterwards. Keys can also be woken up at an instant ({@link #wakeUpAt}); of several wake-ups of a key the earliest
 * pending one counts. Different keys run in parallel on the {@link TaskScheduler}.
 */
final class KeyedWorkQueue {

    private final TaskScheduler tasks;
    private final Clock clock;
    private final Consumer<String> worker;
    private final BooleanSupplier stopped;

    private final Object lock = new Object();
    private final Set<String> running = new HashSet<>();
    private final Set<String> rerun = new HashSet<>();
    private final Map<String, TaskScheduler.Cancellable> wakeups = new HashMap<>();
    private final Map<String, Instant> wakeupAt = new HashMap<>();

    /**
     * @param worker runs the work of one key; its exceptions are the caller's to handle (they end that run only)
     * @param stopped once true, nothing new is started or scheduled
     */
    KeyedWorkQueue(TaskScheduler tasks, Clock clock, Consumer<String> worker, BooleanSupplier stopped) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
    }

    /** Marks a key dirty: its worker runs soon (again, if it is running now). */
    void markDirty(String key) {
        if (stopped.getAsBoolean()) {
            return;
        }
        synchronized (lock) {
            if (running.contains(key)) {
                rerun.add(key);
                return;
            }
            running.add(key);
        }
        tasks.execute(() -> run(key));
    }

    private void run(String key) {
        try {
            worker.accept(key);
        } finally {
            boolean again;
            synchronized (lock) {
                again = rerun.remove(key) && !stopped.getAsBoolean();
                if (!again) {
                    running.remove(key);
                }
            }
            if (again) {
                tasks.execute(() -> run(key));
            }
        }
    }

    /** Marks the key dirty at {@code at}, unless an earlier wake-up of it is already pending. */
    void wakeUpAt(String key, Instant at) {
        if (stopped.getAsBoolean()) {
            return;
        }
        synchronized (lock) {
            Instant existing = wakeupAt.get(key);
            if (existing != null && !existing.isAfter(at) && existing.isAfter(clock.instant())) {
                return;
            }
            TaskScheduler.Cancellable old = wakeups.remove(key);
            if (old != null) {
                old.cancel();
            }
            Duration d = Duration.between(clock.instant(), at);
            wakeupAt.put(key, at);
            wakeups.put(key, tasks.schedule(() -> {
                synchronized (lock) {
                    wakeups.remove(key);
                    wakeupAt.remove(key);
                }
                markDirty(key);
            }, d.isNegative() ? Duration.ZERO : d));
        }
    }

    /** Cancels every pending wake-up. */
    void cancelWakeups() {
        synchronized (lock) {
            wakeups.values().forEach(TaskScheduler.Cancellable::cancel);
            wakeups.clear();
            wakeupAt.clear();
        }
    }
}
