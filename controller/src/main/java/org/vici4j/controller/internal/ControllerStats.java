package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.vici4j.controller.ControllerCounters;

/**
 * The reconciler's own counters (events, gaps, reconnects, passes); thread-safe, a few adders per increment. The
 * request counts and times are kept by {@link CountingCharon}, the children's by {@link ChildCounts}.
 */
final class ControllerStats {

    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> gaps = new ConcurrentHashMap<>();
    private final LongAdder reconnects = new LongAdder();
    private final TimingAdder fullPasses = new TimingAdder();
    private final TimingAdder connectionPasses = new TimingAdder();

    void event(String name) {
        events.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    void gap(boolean connectionLost) {
        gaps.computeIfAbsent(connectionLost ? "connection-lost" : "dropped", k -> new LongAdder()).increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    void pass(boolean full, Duration took) {
        (full ? fullPasses : connectionPasses).add(took);
    }

    Map<String, Long> events() {
        return sums(events);
    }

    Map<String, Long> gaps() {
        return sums(gaps);
    }

    long reconnects() {
        return reconnects.sum();
    }

    ControllerCounters.Timing fullPasses() {
        return fullPasses.timing();
    }

    ControllerCounters.Timing connectionPasses() {
        return connectionPasses.timing();
    }

    static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> m = new TreeMap<>();
        adders.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** A count and a total time, added to from any thread. */
    static final class TimingAdder {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(Duration took) {
            count.increment();
            nanos.add(took.isNegative() ? 0 : took.toNanos());
        }

        ControllerCounters.Timing timing() {
            return new ControllerCounters.Timing(count.sum(), Duration.ofNanos(nanos.sum()));
        }
    }
}
