package org.vici4j.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.EventListener;
import org.vici4j.client.message.ViciSection;

/**
 * Delivers one subscription's events to its listener: in order, one call at a time, on the listener
 * executor, through a bounded buffer. When the buffer is full, new events are dropped and counted; the
 * listener gets {@link EventListener#onOverflow(long)} with the count at the point of the loss, before the
 * next event that fits. Control calls (gap, closed) are never dropped.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventListener listener;
    private final Executor executor;
    private final int capacity;

    // guarded by this
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int bufferedEvents;
    private long dropped;
    private boolean running;
    private boolean ended;

    EventDispatcher(EventListener listener, Executor executor, int capacity) {
        this.listener = listener;
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Called on the I/O thread; never blocks. */
    void offerEvent(String name, ViciSection message) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (bufferedEvents >= capacity) {
                if (dropped++ == 0) {
                    LOG.debug("a '{}' listener is slower than charon; dropping events until it catches up", name);
                }
                return;
            }
            flushDropped();
            bufferedEvents++;
            queue.add(new EventTask(name, message));
            if (!startIfIdle()) {
                return;
            }
        }
        schedule();
    }

    /** Queues a call that is never dropped; {@code last} ends the dispatcher after it. */
    void offerControl(Runnable call, boolean last) {
        synchronized (this) {
            if (ended) {
                return;
            }
            flushDropped();
            queue.add(call);
            ended = last;
            if (!startIfIdle()) {
                return;
            }
        }
        schedule();
    }

    private void flushDropped() {
        if (dropped > 0) {
            long n = dropped;
            dropped = 0;
            queue.add(() -> listener.onOverflow(n));
        }
    }

    private boolean startIfIdle() {
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            LOG.warn("the listener executor rejected event delivery; delivering on the calling thread");
            drain();
        }
    }

    private void drain() {
        for (int i = 0; i < 256; i++) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null && dropped > 0) {
                    long n = dropped;
                    dropped = 0;
                    next = () -> listener.onOverflow(n);
                }
                if (next == null) {
                    running = false;
                    return;
                }
                if (next instanceof EventTask) {
                    bufferedEvents--;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("an event listener threw {}; the subscription continues", e.getClass().getName(), e);
            }
        }
        schedule(); // let other subscriptions use the thread
    }

    private final class EventTask implements Runnable {
        private final String name;
        private final ViciSection message;

        EventTask(String name, ViciSection message) {
            this.name = name;
            this.message = message;
        }

        @Override
        public void run() {
            listener.onEvent(name, message);
        }
    }
}
