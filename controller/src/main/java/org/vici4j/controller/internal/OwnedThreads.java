package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread factory that names its daemon threads {@code prefix + N} and remembers them, so that the owner can wait
 * for each of them to end. An executor's {@code awaitTermination} returns while its last worker is still finishing;
 * {@link #join(Duration)} is what makes "after stop the threads are gone" true.
 */
public final class OwnedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    public OwnedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        return t;
    }

    /**
     * Waits up to {@code timeout} in total for every thread made here to end; the calling thread is skipped if it is
     * one of them.
     *
     * @return true if all of them (other than the caller) have ended
     */
    public boolean join(Duration timeout) throws InterruptedException {
        List<Thread> snapshot;
        synchronized (threads) {
            snapshot = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : snapshot) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
