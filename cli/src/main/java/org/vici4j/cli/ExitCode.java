package org.vici4j.cli;

/** The exit codes of {@code vici}, as listed in {@code vici --help} and docs/cli.md. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /**
     * charon answered with a failure ({@code success = no}, unknown command), or {@code apply} left
     * something not as desired.
     */
    public static final int FAILED = 1;
    /** Usage error (unknown option, missing argument) or invalid input (configuration file, call arguments). */
    public static final int USAGE = 2;
    /** Cannot connect to charon, or the connection was lost. */
    public static final int CONNECTION = 3;
    /** A client-side timeout expired (or charon gave up waiting for an initiate within --timeout). */
    public static final int TIMEOUT = 4;
    /**
     * Interrupted by Ctrl-C (SIGINT: 128 + 2, set by the JVM's default handler) before the command ended;
     * {@code monitor}, {@code log} and {@code controller} treat Ctrl-C as their normal end (0).
     */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
