package org.vici4j.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.vici4j.client.internal.DefaultViciClient;

/**
 * A thread-safe, asynchronous client of charon's VICI interface.
 *
 * <p>Behind one client are several VICI connections: a bounded pool of command connections, opened on
 * demand (VICI processes one command at a time per connection, so a long {@code initiate} occupies only
 * its own connection), and one event connection shared by all subscriptions. See {@code docs/client.md}.
 *
 * <p>Every future returned fails with a {@link ViciException}: {@link UnknownCommandException},
 * {@link ViciTimeoutException}, {@link ConnectionLostException}, {@link ViciConnectionException}, ...
 * Use {@link #await(CompletableFuture)} to block for a result.
 */
public interface ViciClient extends TimedViciCommands, AutoCloseable {

    /**
     * Creates a client. Connections are opened lazily, on the first request or subscription, so this
     * does not fail when charon is not running yet.
     */
    static ViciClient connect(ViciClientOptions options) {
        return DefaultViciClient.create(options);
    }

    /** Creates a client for {@code uri} ({@code unix:///path} or {@code tcp://host:port}) with default options. */
    static ViciClient connect(String uri) {
        return connect(ViciClientOptions.of(uri));
    }

    /** Creates a client for charon's default socket {@value ViciClientOptions#DEFAULT_URI}. */
    static ViciClient connect() {
        return connect(ViciClientOptions.builder().build());
    }

    /**
     * Subscribes {@code listener} to {@code event} (any name: {@code ike-updown}, {@code log}, ...).
     * Await {@link Subscription#registered()} to know charon accepted it.
     */
    default Subscription subscribe(String event, EventListener listener) {
        return subscribe(Set.of(event), listener);
    }

    /** Subscribes {@code listener} to several events; the listener sees them in the order charon sent them. */
    Subscription subscribe(Set<String> events, EventListener listener);

    /**
     * Closes every connection. Pending requests fail with {@link ViciConnectionException};
     * subscriptions end with {@link EventListener#onClosed(ViciException)} ({@code null}). Idempotent.
     */
    @Override
    void close();
}
