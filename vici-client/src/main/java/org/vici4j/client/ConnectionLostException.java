package org.vici4j.client;

/**
 * The connection to charon was lost while a request was in flight.
 */
public class ConnectionLostException extends ViciConnectionException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public ConnectionLostException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
