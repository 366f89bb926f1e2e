package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

/** {@link Charon} over a {@link ViciClient}. */
public final class ClientCharon implements Charon {

    private final ViciClient client;

    public ClientCharon(ViciClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        return client.request(command, message);
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, Duration timeout) {
        if (timeout == null) {
            return client.streamed(command, message, event, onEvent);
        }
        return client.withTimeout(timeout).streamed(command, message, event, onEvent);
    }

    @Override
    public EventHandle subscribe(Set<String> events, Events sink) {
        Subscription s = client.subscribe(events, new EventListener() {
            @Override
            public void onEvent(String name, ViciSection message) {
                sink.onEvent(name, message);
            }

            @Override
            public void onOverflow(long dropped) {
                sink.onGap(dropped + " events dropped (listener too slow)", false);
            }

            @Override
            public void onGap(EventGap gap) {
                sink.onGap("event connection lost for " + gap.duration().toMillis() + " ms: " + gap.reason(), true);
            }

            @Override
            public void onClosed(ViciException cause) {
                sink.onClosed(cause);
            }
        });
        return new EventHandle() {
            @Override
            public CompletableFuture<?> registered() {
                return s.registered();
            }

            @Override
            public boolean isClosed() {
                return s.isClosed();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
