package org.vici4j.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A registration for one or more charon events, created by {@link ViciClient#subscribe}.
 * Closing it unregisters the events (when no other subscription of the client needs them).
 */
public interface Subscription extends AutoCloseable {

    /** @return the subscribed event names */
    Set<String> events();

    /**
     * Completes when charon has confirmed the registration of every event of this subscription.
     * Fails with {@link UnknownEventException} if charon does not know one of them (the
     * subscription is then closed), with a {@link ViciConnectionException} if charon cannot be
     * reached, or with {@link ViciTimeoutException}.
     */
    CompletableFuture<Subscription> registered();

    /** @return whether the subscription has ended */
    boolean isClosed();

    /** Ends the subscription; the listener gets {@link EventListener#onClosed} with {@code null}. Idempotent. */
    @Override
    void close();
}
