package org.vici4j.cli.internal;

import java.io.PrintWriter;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.Futures;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciTimeoutException;

import picocli.CommandLine;

/** Exit codes and one-line error messages for every failure. */
public final class ErrorHandling {

    private ErrorHandling() {
    }

    /** @return the exit code for {@code t} (see {@link ExitCode}) */
    public static int exitCode(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        if (e instanceof ViciTimeoutException) {
            return ExitCode.TIMEOUT;
        }
        if (e instanceof ViciConnectionException || e instanceof ProtocolException) {
            return ExitCode.CONNECTION;
        }
        if (e instanceof CommandFailedException || e instanceof UnknownCommandException
                || e instanceof UnknownEventException) {
            return ExitCode.FAILED;
        }
        if (e instanceof IllegalArgumentException || isConfigProblem(e)) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }

    /** @return the one-line message for {@code t}: what failed and what to check */
    public static String message(Throwable t) {
        return message(t, null);
    }

    /**
     * @param uri the URI the command talked to, or null
     * @return the one-line message for {@code t}: what failed and what to check
     */
    public static String message(Throwable t, String uri) {
        Throwable e = unwrap(t);
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof CliException) {
            return msg;
        }
        if (e instanceof ViciTimeoutException) {
            return msg + (msg.contains("--timeout") ? "" : " (raise --timeout if charon needs longer)");
        }
        if (e instanceof ViciConnectionException && !(e instanceof ConnectionLostException) && uri != null
                && uri.startsWith("tcp://")) {
            return tcpConnectMessage(oneLine(msg), uri);
        }
        if (e instanceof ProtocolException) {
            return "charon sent something that is not VICI: " + msg
                    + " (check that --uri names charon's VICI socket)";
        }
        if (e instanceof CommandFailedException
                || e instanceof UnknownCommandException || e instanceof ViciConnectionException
                || e instanceof UnknownEventException || e instanceof IllegalArgumentException
                || isConfigProblem(e)) {
            return oneLine(msg);
        }
        return "unexpected error: " + e.getClass().getName() + (msg.isEmpty() ? "" : ": " + oneLine(msg))
                + " (run with --debug for the stack trace)";
    }

    /**
     * @return "cannot connect to tcp://HOST:PORT: REASON; what to check", whatever way the client put it (the
     *     socket address in the reason without the JDK's leading slash)
     */
    static String tcpConnectMessage(String msg, String uri) {
        String m = msg.replace("cannot connect to charon at " + uri, "cannot connect to " + uri)
                .replace("timed out connecting to charon at " + uri, "cannot connect to " + uri + ": timed out");
        if (m.startsWith("connection refused by ")) {
            int semi = m.indexOf(';');
            m = "cannot connect to " + uri + ": connection refused" + (semi < 0 ? "" : m.substring(semi));
        }
        if (!m.startsWith("cannot connect to " + uri)) {
            m = "cannot connect to " + uri + ": " + m;
        }
        return m.replaceAll(": /([0-9a-fA-F\\[])", ": $1");
    }

    private static boolean isConfigProblem(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.vici4j.controller.config.ConfigValidationException")) {
                return true;
            }
        }
        return false;
    }

    /** @return the first line of {@code s}; multi-line messages (config problems) keep all lines */
    private static String oneLine(String s) {
        return s.strip();
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = Futures.unwrap(t);
        while (e instanceof CommandLine.ExecutionException && e.getCause() != null) {
            e = Futures.unwrap(e.getCause());
        }
        return e;
    }

    private static String uri(CommandLine.ParseResult parseResult) {
        Object root = parseResult == null ? null : parseResult.commandSpec().userObject();
        return root instanceof RootCommand r ? r.uri() : null;
    }

    private static boolean debug(CommandLine.ParseResult parseResult) {
        Object root = parseResult == null ? null : parseResult.commandSpec().userObject();
        return root instanceof RootCommand r && r.debug();
    }

    /** The exit code mapper. */
    public static final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable exception) {
            return exitCode(exception);
        }
    }

    /** Prints the one-line message (and the stack trace with --debug) and returns the exit code. */
    public static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine,
                CommandLine.ParseResult fullParseResult) {
            PrintWriter err = commandLine.getErr();
            if (debug(fullParseResult)) {
                ex.printStackTrace(err);
            }
            err.println("vici: " + message(ex, uri(fullParseResult)));
            err.flush();
            CommandLine.IExitCodeExceptionMapper mapper = commandLine.getExitCodeExceptionMapper();
            return mapper != null ? mapper.getExitCode(ex) : exitCode(ex);
        }
    }

    /** Prints what is wrong with the command line, in vici's words, and where to read about it; exit code 2. */
    public static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("vici: " + UsageMessages.of(ex, args) + " (see '" + cl.getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return ExitCode.USAGE;
        }
    }
}
