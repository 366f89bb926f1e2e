package org.vici4j.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.Subscription;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciScheduler;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.message.ViciSection;

/**
 * The client's event connection: one VICI connection, opened on the first subscription, on which every
 * subscribed event name is registered once (shared by all subscriptions of that name). EVENT packets are
 * handed to the subscriptions' dispatchers. With reconnect enabled, a lost connection is re-established
 * with exponential backoff, every event is registered again and each subscription gets
 * {@link EventListener#onGap}; without, every subscription ends with {@link EventListener#onClosed}.
 */
final class EventHub implements ViciConnection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** One event name registered with charon. */
    private static final class Registration {
        final String event;
        final List<SubscriptionImpl> subscriptions = new ArrayList<>();
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Registration(String event) {
            this.event = event;
        }
    }

    private final Endpoint endpoint;
    private final ViciClientOptions options;
    private final Executor listenerExecutor;
    private final Clock clock;

    // guarded by this
    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private ViciConnection connection;
    private CompletableFuture<ViciConnection> connecting;
    private boolean reconnecting;
    private Instant lostAt;
    private String lostReason;
    private Duration nextBackoff;
    private boolean closed;

    EventHub(Endpoint endpoint, ViciClientOptions options, Executor listenerExecutor) {
        this.endpoint = endpoint;
        this.options = options;
        this.listenerExecutor = listenerExecutor;
        this.clock = options.clock();
    }

    Subscription subscribe(Set<String> events, EventListener listener, Duration timeout) {
        SubscriptionImpl sub = new SubscriptionImpl(this, events, listener,
                new EventDispatcher(listener, listenerExecutor, options.eventBufferSize()));
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        List<Registration> fresh = new ArrayList<>();
        CompletableFuture<ViciConnection> conn;
        synchronized (this) {
            if (closed) {
                sub.end(endpoint.closedClient());
                return sub;
            }
            for (String event : events) {
                Registration reg = registrations.get(event);
                if (reg == null) {
                    reg = new Registration(event);
                    registrations.put(event, reg);
                    fresh.add(reg);
                }
                reg.subscriptions.add(sub);
                confirmations.add(reg.confirmed);
            }
            // while reconnecting, the reconnect registers every registration, fresh ones included
            conn = fresh.isEmpty() || reconnecting ? null : connectionLocked();
        }
        Future<?> timer = endpoint.scheduler().schedule(() -> sub.end(new ViciTimeoutException("charon did not confirm the"
                + " registration of " + events + " within " + timeout + " (client-side request timeout)")), timeout);
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).whenComplete((v, err) -> {
            timer.cancel(false);
            if (err == null) {
                sub.confirmed();
            } else {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                sub.end(cause instanceof ViciException v2 ? v2 : new ViciConnectionException(cause.toString(), cause));
            }
        });
        if (conn != null) {
            conn.whenComplete((c, err) -> {
                try {
                    if (err != null) {
                        connectFailed(err);
                    } else {
                        fresh.forEach(reg -> register(c, reg, timeout));
                    }
                } catch (RuntimeException | Error e) {
                    LOG.error("registering {} failed unexpectedly", events, e);
                    sub.end(new ViciConnectionException("registering " + events + " failed: " + e, e));
                }
            });
        }
        return sub;
    }

    /** Holds the lock. @return the event connection, connecting it if needed */
    private CompletableFuture<ViciConnection> connectionLocked() {
        if (connection != null && !connection.isClosed()) {
            return CompletableFuture.completedFuture(connection);
        }
        CompletableFuture<ViciConnection> f = connecting;
        if (f == null) {
            CompletableFuture<ViciConnection> attempt = endpoint.connect("events", this);
            f = attempt;
            connecting = attempt;
            // may run right here if the connect already completed: the local variable is returned either way
            attempt.whenComplete((c, err) -> {
                synchronized (this) {
                    if (connecting == attempt) {
                        connecting = null;
                    }
                    if (c != null) {
                        if (closed) {
                            c.close(new ViciConnectionException("client closed"));
                        } else {
                            connection = c;
                        }
                    }
                }
            });
        }
        return f;
    }

    /** The first connection of the hub could not be made: every waiting subscription fails. */
    private void connectFailed(Throwable err) {
        ViciException cause = endpoint.connectFailure(err);
        List<Registration> failed = new ArrayList<>();
        synchronized (this) {
            for (Registration reg : registrations.values()) {
                if (!reg.confirmed.isDone()) {
                    failed.add(reg);
                }
            }
        }
        failed.forEach(reg -> reg.confirmed.completeExceptionally(cause));
    }

    private void register(ViciConnection c, Registration reg, Duration timeout) {
        EventOperation op = new EventOperation(reg.event, true);
        Future<?> timer = endpoint.scheduler().schedule(() -> {
            if (op.fail(new ViciTimeoutException("charon did not confirm the registration of '" + reg.event
                    + "' within " + timeout))) {
                c.abandon(op, "registration of '" + reg.event + "' timed out");
            }
        }, timeout);
        op.onFinished = () -> timer.cancel(false);
        op.future().whenComplete((v, err) -> {
            if (err == null) {
                confirmedOn(c, reg);
                return;
            }
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (cause instanceof UnknownEventException unknown) {
                List<SubscriptionImpl> subs;
                synchronized (this) {
                    if (registrations.get(reg.event) == reg) {
                        registrations.remove(reg.event);
                    }
                    subs = new ArrayList<>(reg.subscriptions);
                }
                reg.confirmed.completeExceptionally(unknown);
                subs.forEach(s -> s.end(unknown));
            } else if (!(cause instanceof ConnectionLostException) || !options.reconnect()) {
                // lost connections are handled by onClosed (re-registration or ending every subscription)
                synchronized (this) {
                    registrations.remove(reg.event, reg);
                }
                reg.confirmed.completeExceptionally(cause instanceof ViciException v2 ? v2
                        : new ViciConnectionException(String.valueOf(cause), cause));
            }
        });
        c.execute(op);
    }

    /**
     * Removes an ended subscription; unregisters event names no other subscription needs. A registration
     * whose confirm is still outstanding stays in the map (without subscriptions) until the confirm
     * arrives, so that a new subscription can reuse it and the unregister is never queued behind a newer
     * register of the same name.
     */
    void remove(SubscriptionImpl sub) {
        List<String> unregister = new ArrayList<>();
        ViciConnection c;
        synchronized (this) {
            for (String event : sub.events()) {
                Registration reg = registrations.get(event);
                if (reg != null && reg.subscriptions.remove(sub) && reg.subscriptions.isEmpty()) {
                    if (!reg.confirmed.isDone()) {
                        continue; // decided when charon answers the register (see register)
                    }
                    registrations.remove(event);
                    if (!reg.confirmed.isCompletedExceptionally()) {
                        unregister.add(event);
                    }
                }
            }
            c = connection;
        }
        unregister(c, unregister);
    }

    private void unregister(ViciConnection c, List<String> events) {
        if (c == null || c.isClosed()) {
            return;
        }
        for (String event : events) {
            EventOperation op = new EventOperation(event, false);
            Future<?> timer = endpoint.scheduler().schedule(() -> {
                if (op.fail(new ViciTimeoutException("unregister " + event + " timed out"))) {
                    c.abandon(op, "unregistration of '" + event + "' timed out");
                }
            }, options.requestTimeout());
            op.onFinished = () -> timer.cancel(false);
            c.execute(op);
        }
    }

    /** Called when charon confirmed {@code reg}: unregisters it if every subscription left meanwhile. */
    private void confirmedOn(ViciConnection c, Registration reg) {
        boolean orphan;
        synchronized (this) {
            orphan = reg.subscriptions.isEmpty() && registrations.get(reg.event) == reg;
            if (orphan) {
                registrations.remove(reg.event);
            }
        }
        reg.confirmed.complete(null);
        if (orphan) {
            unregister(c, List.of(reg.event));
        }
    }

    @Override
    public void onEvent(ViciConnection c, String name, ViciSection message) {
        List<SubscriptionImpl> subs;
        synchronized (this) {
            Registration reg = c == connection ? registrations.get(name) : null;
            if (reg == null) {
                LOG.debug("{}: no subscription for '{}' event; dropped", c, name);
                return;
            }
            subs = new ArrayList<>(reg.subscriptions);
        }
        for (SubscriptionImpl sub : subs) {
            sub.deliver(name, message);
        }
    }

    @Override
    public void onClosed(ViciConnection c, ViciException cause) {
        List<SubscriptionImpl> ended = new ArrayList<>();
        String reason = cause == null ? "charon closed the connection" : cause.getMessage();
        synchronized (this) {
            if (c != connection || closed) {
                return;
            }
            connection = null;
            if (!options.reconnect()) {
                Set<SubscriptionImpl> subs = new LinkedHashSet<>();
                registrations.values().forEach(r -> subs.addAll(r.subscriptions));
                ended.addAll(subs);
            } else {
                if (!reconnecting) {
                    reconnecting = true;
                    lostAt = clock.instant();
                    lostReason = reason;
                    nextBackoff = options.initialBackoff();
                    LOG.info("event connection to charon at {} lost ({}); reconnecting", endpoint.uri(), reason);
                }
                scheduleReconnect();
            }
        }
        if (!ended.isEmpty()) {
            ConnectionLostException lost = new ConnectionLostException("the event connection to charon at " + endpoint.uri()
                    + " was lost (" + reason + "); subscribe again, or enable ViciClientOptions.reconnect"
                    + " to re-subscribe automatically", cause);
            ended.forEach(s -> s.end(lost));
        }
    }

    @Override
    public void onUnstarted(ViciConnection c, List<Operation> unstarted) {
        // registrations are redone after a reconnect (or their subscriptions end); nothing to resubmit
        ConnectionLostException lost = new ConnectionLostException("the event connection to charon at " + endpoint.uri() + " was lost");
        unstarted.forEach(op -> op.fail(lost));
    }

    /** Holds the lock. */
    private void scheduleReconnect() {
        Duration delay = nextBackoff;
        long next = (long) Math.min(options.maxBackoff().toNanos(), delay.toNanos() * options.backoffMultiplier());
        nextBackoff = Duration.ofNanos(next);
        endpoint.scheduler().schedule(this::reconnect, delay);
    }

    private void reconnect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        endpoint.connect("events", this).whenComplete((c, err) -> {
            List<Registration> regs;
            synchronized (this) {
                if (closed) {
                    if (c != null) {
                        c.close(new ViciConnectionException("client closed"));
                    }
                    return;
                }
                if (err != null) {
                    LOG.debug("reconnecting to {} failed: {}; retrying in {}", endpoint.uri(), err.getMessage(), nextBackoff);
                    scheduleReconnect();
                    return;
                }
                connection = c;
                regs = new ArrayList<>(registrations.values());
            }
            reregister(c, regs);
        });
    }

    private void reregister(ViciConnection c, List<Registration> regs) {
        List<CompletableFuture<Throwable>> done = new ArrayList<>();
        for (Registration reg : regs) {
            EventOperation op = new EventOperation(reg.event, true);
            Future<?> timer = endpoint.scheduler().schedule(() -> {
                if (op.fail(new ViciTimeoutException("re-registration of '" + reg.event + "' timed out"))) {
                    c.abandon(op, "re-registration of '" + reg.event + "' timed out");
                }
            }, options.requestTimeout());
            op.onFinished = () -> timer.cancel(false);
            done.add(op.future().handle((v, err) -> {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                if (cause == null) {
                    confirmedOn(c, reg);
                } else if (cause instanceof UnknownEventException unknown) {
                    List<SubscriptionImpl> subs;
                    synchronized (this) {
                        registrations.remove(reg.event, reg);
                        subs = new ArrayList<>(reg.subscriptions);
                    }
                    reg.confirmed.completeExceptionally(unknown);
                    subs.forEach(s -> s.end(unknown));
                }
                return cause;
            }));
            c.execute(op);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenRun(() -> {
            EventGap gap;
            Set<SubscriptionImpl> subs = new LinkedHashSet<>();
            synchronized (this) {
                if (c != connection || closed || c.isClosed()) {
                    return; // lost again: the next successful reconnect reports the whole gap
                }
                for (CompletableFuture<Throwable> f : done) {
                    if (f.join() != null && !(f.join() instanceof UnknownEventException)) {
                        return; // a re-registration failed; onClosed of the abandoned connection retries
                    }
                }
                reconnecting = false;
                gap = new EventGap(lostAt, clock.instant(), lostReason);
                registrations.values().forEach(r -> subs.addAll(r.subscriptions));
            }
            LOG.info("event connection to charon at {} restored after {}; {} subscription(s) re-registered",
                    endpoint.uri(), gap.duration(), subs.size());
            subs.forEach(s -> s.gap(gap));
        });
    }

    void close() {
        Set<SubscriptionImpl> subs = new LinkedHashSet<>();
        ViciConnection c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            registrations.values().forEach(r -> subs.addAll(r.subscriptions));
            c = connection;
            connection = null;
        }
        subs.forEach(s -> s.end(null));
        if (c != null) {
            c.close(new ViciConnectionException("the VICI client for " + endpoint.uri() + " was closed"));
        }
    }
}
