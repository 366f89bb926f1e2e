package org.vici4j.client;

/**
 * Root of all unchecked exceptions thrown by vici4j's VICI client.
 */
public class ViciException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public ViciException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ViciException(String message, Throwable cause) {
        super(message, cause);
    }
}
