package org.vici4j.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.vici4j.cli.internal.CliContext;
import org.vici4j.cli.internal.ErrorHandling;
import org.vici4j.cli.internal.RootCommand;

import picocli.CommandLine;

/**
 * Builds the {@code vici} command line: the one place where the commands, the exit codes
 * ({@link CommandLine.IExitCodeExceptionMapper}) and the error handlers
 * ({@link CommandLine.IExecutionExceptionHandler}, {@link CommandLine.IParameterExceptionHandler})
 * are wired together.
 *
 * <pre>{@code
 * int exit = ViciCli.builder().out(out).err(err).env(Map.of("VICI_URI", uri)).build().execute(args);
 * }</pre>
 */
public final class ViciCli {

    private ViciCli() {
    }

    /** @return a builder with the process's environment, stdout/stderr, the system clock and real clients */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CommandLine} for {@code vici}. */
    public static final class Builder {
        private Map<String, String> env = System.getenv();
        private PrintWriter out;
        private PrintWriter err;
        private Clock clock; // default created lazily: loading time zone rules costs start-up time
        private ClientFactory clientFactory = ClientFactory.standard();
        private SignalSource signals = SignalSource.none();

        private Builder() {
        }

        /** Environment variables consulted ({@code VICI_URI}); default the process's. */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Where results go; default stdout. */
        public Builder out(PrintWriter out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where errors and progress go; default stderr. */
        public Builder err(PrintWriter err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        /** Clock for timestamps of events; default the system clock in the default time zone. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How clients are created; default {@link ClientFactory#standard()}. */
        public Builder clientFactory(ClientFactory factory) {
            this.clientFactory = Objects.requireNonNull(factory, "clientFactory");
            return this;
        }

        /** Source of SIGHUP/SIGTERM for long-running commands; default none. */
        public Builder signals(SignalSource signals) {
            this.signals = Objects.requireNonNull(signals, "signals");
            return this;
        }

        /** @return the command line with every command, ready for {@link CommandLine#execute(String...)} */
        public CommandLine build() {
            return build(null);
        }

        /**
         * @param args the arguments the command line will be executed with; only the command they name
         *     is registered (faster start-up), or all when they name none
         * @return the command line, ready for {@link CommandLine#execute(String...)} with {@code args}
         */
        public CommandLine buildFor(String... args) {
            return build(args);
        }

        private CommandLine build(String[] args) {
            CliContext ctx = new CliContext(env, clock, clientFactory, signals);
            // no lambdas or method references on this path (see ClientFactory.standard())
            CommandLine cl = new CommandLine(new RootCommand(ctx));
            RootCommand.register(cl, args);
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            cl.setExitCodeExceptionMapper(new ErrorHandling.ExitCodes());
            cl.setExecutionExceptionHandler(new ErrorHandling.ExecutionHandler());
            cl.setParameterExceptionHandler(new ErrorHandling.ParameterHandler());
            if (out != null) {
                cl.setOut(out);
            }
            if (err != null) {
                cl.setErr(err);
            }
            return cl;
        }
    }
}
