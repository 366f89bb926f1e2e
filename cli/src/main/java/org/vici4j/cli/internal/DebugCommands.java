package org.vici4j.cli.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

/**
 * The commands of {@code --debug}: every request and its response pass to {@code debug} as lines (message trees
 * print with secret values redacted), whichever typed method of {@link ViciCommands} sent them.
 */
final class DebugCommands implements ViciCommands {

    private final ViciCommands via;
    private final Consumer<String> debug;

    DebugCommands(ViciCommands via, Consumer<String> debug) {
        this.via = Objects.requireNonNull(via, "via");
        this.debug = Objects.requireNonNull(debug, "debug");
    }

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        debug.accept("request '" + command + "' " + message);
        return via.request(command, message).thenApply(response -> {
            debug.accept("response to '" + command + "' " + response);
            return response;
        });
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return logged(via::streamed, command, message, event, onEvent);
    }

    @Override
    public CompletableFuture<StreamedResponse> forEachStreamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return logged(via::forEachStreamed, command, message, event, onEvent);
    }

    /** One of the two streaming primitives of {@link ViciCommands}. */
    @FunctionalInterface
    private interface Streaming {
        CompletableFuture<StreamedResponse> run(String command, ViciSection message, String event,
                Consumer<ViciSection> onEvent);
    }

    private CompletableFuture<StreamedResponse> logged(Streaming streaming, String command, ViciSection message,
            String event, Consumer<ViciSection> onEvent) {
        AtomicLong events = new AtomicLong();
        debug.accept("request '" + command + "' " + message + ", streaming '" + event + "'");
        return streaming.run(command, message, event, e -> {
            events.incrementAndGet();
            if (onEvent != null) {
                onEvent.accept(e);
            }
        }).thenApply(r -> {
            debug.accept("response to '" + command + "' " + r.response() + " after " + events.get() + " '" + event
                    + "' events");
            return r;
        });
    }
}
