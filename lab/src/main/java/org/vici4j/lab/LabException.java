package org.vici4j.lab;

/** A lab operation failed; the message carries what the {@code vici-lab} script said. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
