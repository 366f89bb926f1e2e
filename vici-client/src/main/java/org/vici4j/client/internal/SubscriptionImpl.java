package org.vici4j.client.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

/** A subscription of an {@link EventHub}. */
final class SubscriptionImpl implements Subscription {

    private final EventHub hub;
    private final Set<String> events;
    private final EventListener listener;
    private final EventDispatcher dispatcher;
    private final CompletableFuture<Subscription> registered = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    SubscriptionImpl(EventHub hub, Set<String> events, EventListener listener, EventDispatcher dispatcher) {
        this.hub = hub;
        this.events = Set.copyOf(events);
        this.listener = listener;
        this.dispatcher = dispatcher;
    }

    @Override
    public Set<String> events() {
        return events;
    }

    @Override
    public CompletableFuture<Subscription> registered() {
        return registered;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        end(null);
    }

    void confirmed() {
        registered.complete(this);
    }

    void deliver(String name, ViciSection message) {
        dispatcher.offerEvent(name, message);
    }

    void gap(EventGap gap) {
        if (!closed.get()) {
            dispatcher.offerControl(() -> listener.onGap(gap), false);
        }
    }

    /** Ends the subscription: unregisters, tells the listener (last call), fails a pending registration. */
    void end(ViciException cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hub.remove(this);
        registered.completeExceptionally(cause != null ? cause
                : new ViciConnectionException("the subscription to " + events + " was closed before charon confirmed it"));
        dispatcher.offerControl(() -> listener.onClosed(cause), true);
    }

    @Override
    public String toString() {
        return "Subscription" + events + (closed.get() ? " (closed)" : "");
    }
}
