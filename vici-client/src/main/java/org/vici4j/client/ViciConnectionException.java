package org.vici4j.client;

/**
 * The client cannot connect to charon's VICI socket (connection refused, no such socket, permission denied).
 */
public class ViciConnectionException extends ViciException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public ViciConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ViciConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
