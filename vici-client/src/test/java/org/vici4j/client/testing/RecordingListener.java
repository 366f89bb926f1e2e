package org.vici4j.client.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

/**
 * An {@link EventListener} that records every call, in order, as strings such as
 * {@code "event ike-updown 3"} (the value of the message's {@code n} key, else its size), {@code "overflow 7"},
 * {@code "gap"}, {@code "closed ConnectionLostException"} / {@code "closed null"}.
 */
public class RecordingListener implements EventListener {

    private final LinkedBlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final List<ViciSection> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile EventGap lastGap;
    private volatile ViciException closeCause;

    @Override
    public void onEvent(String name, ViciSection message) {
        messages.add(message);
        record("event " + name + " " + message.stringOr("n", String.valueOf(message.size())));
    }

    @Override
    public void onOverflow(long dropped) {
        record("overflow " + dropped);
    }

    @Override
    public void onGap(EventGap gap) {
        lastGap = gap;
        record("gap");
    }

    @Override
    public void onClosed(ViciException cause) {
        closeCause = cause;
        record("closed " + (cause == null ? "null" : cause.getClass().getSimpleName()));
    }

    private void record(String call) {
        synchronized (all) {
            all.add(call);
        }
        calls.add(call);
    }

    /** Waits for the next call and returns it. */
    public String next(Duration timeout) {
        try {
            String s = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no listener call within " + timeout + "; calls so far: " + calls());
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Waits for the next {@code n} calls. */
    public List<String> next(int n, Duration timeout) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next(timeout));
        }
        return out;
    }

    /** Waits until a call equal to {@code call} is seen (skipping others). */
    public void awaitCall(String call, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + call + "' within " + timeout + "; calls: " + calls());
            }
            if (next(Duration.ofNanos(left)).equals(call)) {
                return;
            }
        }
    }

    /** @return every call so far */
    public List<String> calls() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** @return every event message so far */
    public List<ViciSection> messages() {
        return List.copyOf(messages);
    }

    /** @return the last gap reported */
    public EventGap lastGap() {
        return lastGap;
    }

    /** @return the cause given to onClosed */
    public ViciException closeCause() {
        return closeCause;
    }
}
