package org.vici4j.cli.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.BlockingViciClient;
import org.vici4j.client.EventListener;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

/**
 * The client of a one-shot command: its requests go over one {@link BlockingViciClient} connection
 * (no event loop, no pool: what makes {@code vici version} start fast); only a subscription (which
 * needs a connection that delivers events while the command runs) creates the Netty-based
 * {@link ViciClient}, on first use.
 */
public final class OneShotClient implements ViciClient {

    /** A request's time limit when {@code --timeout} is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ViciClientOptions options;
    private final BlockingViciClient blocking;
    private ViciClient events; // guarded by this

    /** @param options the options of both clients */
    public OneShotClient(ViciClientOptions options) {
        this.options = options;
        this.blocking = BlockingViciClient.connect(options);
    }

    @Override
    public ViciClientOptions options() {
        return options;
    }

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        return blocking.request(command, message);
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return blocking.streamed(command, message, event, onEvent);
    }

    @Override
    public CompletableFuture<StreamedResponse> forEachStreamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return blocking.forEachStreamed(command, message, event, onEvent);
    }

    @Override
    public synchronized Subscription subscribe(Set<String> names, EventListener listener) {
        if (events == null) {
            events = ViciClient.connect(options);
        }
        return events.subscribe(names, listener);
    }

    @Override
    public ViciCommands withTimeout(Duration timeout) {
        return blocking.withTimeout(timeout);
    }

    @Override
    public <T> T await(CompletableFuture<T> future) {
        return blocking.await(future);
    }

    @Override
    public void close() {
        ViciClient e;
        synchronized (this) {
            e = events;
            events = null;
        }
        try {
            blocking.close();
        } finally {
            if (e != null) {
                e.close();
            }
        }
    }

    @Override
    public String toString() {
        return "OneShotClient[" + options.uri() + "]";
    }
}
