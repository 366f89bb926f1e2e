package org.vici4j.controller.internal;

import java.time.Duration;

/** Runs the reconciler's tasks: now, or after a delay. Production wraps a ScheduledExecutorService; tests drive it. */
public interface TaskScheduler {

    void execute(Runnable task);

    /** @return a handle that cancels the task */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task. */
    interface Cancellable {
        void cancel();
    }
}
