package org.vici4j.client;

import java.time.Duration;
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
public interface ViciClient extends ViciCommands, AutoCloseable {

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

    /** @return the options the client was created with */
    ViciClientOptions options();

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
     * @return a view of this client whose requests time out after {@code timeout} instead of
     *     {@link ViciClientOptions#requestTimeout()}; it shares this client's connections
     */
    ViciCommands withTimeout(Duration timeout);

    /**
     * Blocks until {@code future} completes and returns its value; a failure is rethrown as the
     * {@link ViciException} it carries (other exceptions are wrapped in one). Interruption ends the wait
     * with a {@link ViciException} and keeps the thread's interrupt flag set.
     */
    <T> T await(CompletableFuture<T> future);

    /**
     * Closes every connection. Pending requests fail with {@link ViciConnectionException};
     * subscriptions end with {@link EventListener#onClosed(ViciException)} ({@code null}). Idempotent.
     */
    @Override
    void close();
}
