package org.vici4j.client;

/**
 * A client-side timeout expired before charon answered.
 */
public class ViciTimeoutException extends ViciException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public ViciTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ViciTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
