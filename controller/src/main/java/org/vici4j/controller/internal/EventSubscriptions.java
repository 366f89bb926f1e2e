package org.vici4j.controller.internal;

import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.Futures;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

/**
 * The reconciler's event subscriptions: {@link #EVENTS} on one subscription, and {@code alert} on a second one,
 * because charon before 6.0.3 answers its registration with EVENT_UNKNOWN, which is taken (once, and logged once) as
 * "not available on this charon". Both deliver to the same sink; the alert subscription's end is not a gap.
 */
final class EventSubscriptions {

    /** The events every charon has. */
    static final Set<String> EVENTS = Set.of("ike-updown", "child-updown", "ike-rekey", "child-rekey", "log");

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final CharonCalls calls;
    private final Charon.Events sink;
    private final Charon.Events alertSink;
    private volatile Charon.EventHandle events;
    private volatile Charon.EventHandle alertEvents;
    private volatile Boolean alertsAvailable;

    EventSubscriptions(CharonCalls calls, Charon.Events sink) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.alertSink = new Charon.Events() {
            @Override
            public void onEvent(String name, ViciSection message) {
                EventSubscriptions.this.sink.onEvent(name, message);
            }

            @Override
            public void onGap(String reason, boolean connectionLost) {
                EventSubscriptions.this.sink.onGap(reason, connectionLost);
            }

            @Override
            public void onClosed(ViciException cause) {
                if (cause instanceof UnknownEventException) {
                    alertsUnavailable();
                }
            }
        };
    }

    /**
     * Subscribes where there is no open subscription, and waits for charon to confirm.
     *
     * @return true if the main subscription was made afresh: events before it were missed
     */
    boolean ensureSubscribed() {
        boolean fresh = false;
        Charon.EventHandle h = events;
        if (h == null || h.isClosed()) {
            close(h);
            Charon.EventHandle sub = calls.charon().subscribe(EVENTS, sink);
            events = sub;
            calls.await(sub.registered(), calls.callTimeout());
            fresh = true;
        }
        if (!Boolean.FALSE.equals(alertsAvailable)) {
            Charon.EventHandle a = alertEvents;
            if (a == null || a.isClosed()) {
                Charon.EventHandle sub = calls.charon().subscribe(Set.of("alert"), alertSink);
                alertEvents = sub;
                try {
                    calls.await(sub.registered(), calls.callTimeout());
                    alertsAvailable = true;
                } catch (RuntimeException e) {
                    if (Futures.unwrap(e) instanceof UnknownEventException) {
                        alertsUnavailable();
                    } else {
                        throw e;
                    }
                }
            }
        }
        return fresh;
    }

    /** @return whether the main subscription is open (the alert subscription is optional) */
    boolean isSubscribed() {
        Charon.EventHandle h = events;
        return h != null && !h.isClosed();
    }

    /** Ends both subscriptions. */
    void close() {
        close(events);
        close(alertEvents);
    }

    private void alertsUnavailable() {
        if (!Boolean.FALSE.equals(alertsAvailable)) {
            alertsAvailable = false;
            LOG.info("charon has no 'alert' event (strongSwan before 6.0.3): failures are classified from the initiate "
                    + "result and log lines");
        }
    }

    private static void close(Charon.EventHandle h) {
        if (h != null) {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.debug("closing subscription", e);
            }
        }
    }
}
