package org.vici4j.client;

import org.vici4j.client.message.ViciSection;

/**
 * Receives the events of a {@link Subscription}.
 *
 * <p>All calls for one subscription are made one at a time, in the order charon sent the events,
 * on the client's listener executor (never on the I/O thread). A listener that is slower than
 * charon fills its subscription's bounded buffer; further events are dropped and the listener is
 * then told how many with {@link #onOverflow(long)}, at the position in the stream where they were
 * lost. Exceptions thrown by a listener are logged and do not end the subscription.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * An event.
     *
     * @param name the event name, for example {@code ike-updown}
     * @param message the event message
     */
    void onEvent(String name, ViciSection message);

    /**
     * {@code dropped} events were lost at this point of the stream because this listener's buffer
     * was full (see {@link ViciClientOptions.Builder#eventBufferSize(int)}). State derived from
     * events should be resynchronized, for example with {@code list-sas}.
     */
    default void onOverflow(long dropped) {
    }

    /**
     * The event connection was lost and has been re-established (see
     * {@link ViciClientOptions.Builder#reconnect(boolean)}); events raised by charon in between
     * were missed. Called after the subscription is registered again, so a resync started here
     * sees every later event.
     */
    default void onGap(EventGap gap) {
    }

    /**
     * The subscription has ended; this is the last call the listener receives.
     *
     * @param cause {@code null} if the subscription or the client was closed normally; otherwise why
     *     it ended: a {@link ViciConnectionException} when the connection was lost and reconnect is
     *     disabled, an {@link UnknownEventException} when charon rejected the registration
     */
    default void onClosed(ViciException cause) {
    }
}
