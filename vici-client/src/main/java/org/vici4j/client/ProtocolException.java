package org.vici4j.client;

/**
 * Malformed VICI bytes, or a message that exceeds a protocol limit (segment, name or value size, nesting depth).
 */
public class ProtocolException extends ViciException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
