package org.vici4j.controller.internal;

import java.time.Duration;
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

/** A {@link Charon} that counts the requests sent through it, per command (the cost of each operation). */
final class CountingCharon implements Charon {

    private final Charon delegate;
    private final Runnable onAnswer;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** @param onAnswer called (on the client's thread, so it must be quick) whenever charon answers a request */
    CountingCharon(Charon delegate, Runnable onAnswer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onAnswer = Objects.requireNonNull(onAnswer, "onAnswer");
    }

    CountingCharon(Charon delegate) {
        this(delegate, () -> {
        });
    }

    private <T> CompletableFuture<T> watched(CompletableFuture<T> f) {
        f.whenComplete((r, e) -> {
            if (e == null) {
                onAnswer.run();
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

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        count(command);
        return watched(delegate.request(command, message));
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, Duration timeout) {
        count(command);
        return watched(delegate.streamed(command, message, event, onEvent, timeout));
    }

    @Override
    public EventHandle subscribe(Set<String> events, Events sink) {
        count("register");
        return delegate.subscribe(events, sink);
    }
}
