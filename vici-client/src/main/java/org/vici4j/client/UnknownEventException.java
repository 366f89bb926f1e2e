package org.vici4j.client;

import java.util.Objects;

/**
 * Charon answered {@code EVENT_UNKNOWN} to an event (un)registration: it does not know the event.
 */
public class UnknownEventException extends ViciException {

    private final String event;

    /**
     * Creates the exception.
     *
     * @param event the event name charon does not know
     */
    public UnknownEventException(String event) {
        super("charon does not know the VICI event '" + event
                + "'; check its spelling and that the running strongSwan version supports it");
        this.event = Objects.requireNonNull(event, "event");
    }

    /** @return the event name charon does not know */
    public String event() {
        return event;
    }
}
