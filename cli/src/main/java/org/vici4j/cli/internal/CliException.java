package org.vici4j.cli.internal;

/** A failure the CLI itself detected, with the exit code it means and a one-line message. */
public class CliException extends RuntimeException {

    private final int exitCode;

    /**
     * @param exitCode one of {@link org.vici4j.cli.ExitCode}
     * @param message what failed and what to check, one line
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link org.vici4j.cli.ExitCode}
     * @param message what failed and what to check, one line
     * @param cause the underlying failure
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the exit code */
    public int exitCode() {
        return exitCode;
    }
}
