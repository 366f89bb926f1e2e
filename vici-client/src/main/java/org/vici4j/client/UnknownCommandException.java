package org.vici4j.client;

import java.util.Objects;

/**
 * Charon answered {@code CMD_UNKNOWN}: it does not know the command (typo, or a command of a newer
 * strongSwan version than the one running).
 */
public class UnknownCommandException extends ViciException {

    private final String command;

    /**
     * Creates the exception.
     *
     * @param command the command charon does not know
     */
    public UnknownCommandException(String command) {
        super("charon does not know the VICI command '" + command
                + "'; check its spelling and that the running strongSwan version supports it");
        this.command = Objects.requireNonNull(command, "command");
    }

    /** @return the command charon does not know */
    public String command() {
        return command;
    }
}
