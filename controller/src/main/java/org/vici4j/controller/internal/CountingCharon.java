package org.vici4j.controller.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.message.ViciSection;

/**
 * A {@link Charon} that counts the requests sent through it, per command (the cost of each operation), and times
 * them: how many completed, how long they took in all, how many failed.
 */
final class CountingCharon implements Charon {

    private final Charon delegate;
    private final Clock clock;
    private final Runnable onAnswer;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, ControllerStats.TimingAdder> times = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /**
     * @param clock times the requests
     * @param onAnswer called (on the client's thread, so it must be quick) whenever charon answers a request
     */
    CountingCharon(Charon delegate, Clock clock, Runnable onAnswer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onAnswer = Objects.requireNonNull(onAnswer, "onAnswer");
    }

    CountingCharon(Charon delegate, Runnable onAnswer) {
        this(delegate, Clock.systemUTC(), onAnswer);
    }

    CountingCharon(Charon delegate) {
        this(delegate, () -> {
        });
    }

    private <T> CompletableFuture<T> watched(String command, Instant sent, CompletableFuture<T> f) {
        f.whenComplete((r, e) -> {
            times.computeIfAbsent(command, k -> new ControllerStats.TimingAdder())
                    .add(Duration.between(sent, clock.instant()));
            if (e == null) {
                onAnswer.run();
            } else {
                failures.computeIfAbsent(command, k -> new LongAdder()).increment();
            }
        });
        return f;
    }

    private void count(String command) {
        counts.computeIfAbsent(command, k -> new LongAdder()).increment();
    }

    /** @return requests sent so far, per command, sorted by command */
    Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** @return per command, the requests that completed and the time they took in all */
    Map<String, org.vici4j.controller.ControllerCounters.Timing> times() {
        Map<String, org.vici4j.controller.ControllerCounters.Timing> m = new TreeMap<>();
        times.forEach((k, v) -> m.put(k, v.timing()));
        return m;
    }

    /** @return per command, the requests that failed (no answer, connection lost, protocol error) */
    Map<String, Long> failures() {
        return ControllerStats.sums(failures);
    }

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        count(command);
        Instant sent = clock.instant();
        return watched(command, sent, delegate.request(command, message));
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, Duration timeout) {
        count(command);
        Instant sent = clock.instant();
        return watched(command, sent, delegate.streamed(command, message, event, onEvent, timeout));
    }

    @Override
    public EventHandle subscribe(Set<String> events, Events sink) {
        count("register");
        return delegate.subscribe(events, sink);
    }
}
