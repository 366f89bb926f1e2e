package org.vici4j.cli;

import java.util.Optional;

/**
 * Delivers operating-system signals (SIGHUP, SIGTERM) to long-running commands such as
 * {@code vici controller}; tests inject their own.
 */
public interface SignalSource {

    /** Signals a long-running command reacts to. */
    enum Signal {
        /** Reload the configuration. */
        HUP,
        /** Stop cleanly. */
        TERM,
        /** Stop cleanly (Ctrl-C). */
        INT
    }

    /**
     * Calls {@code handler} when {@code signal} arrives, until the returned handle is closed.
     *
     * @return a handle that removes the handler
     */
    AutoCloseable on(Signal signal, Runnable handler);

    /**
     * Whether handlers of {@code signal} can be called at all in this process; ask after {@link #on}.
     *
     * @return why not (for example: SIGHUP was ignored when the process started, under {@code nohup}), or empty
     */
    default Optional<String> unavailable(Signal signal) {
        return Optional.empty();
    }

    /** @return a source that never delivers anything */
    static SignalSource none() {
        return NoSignals.INSTANCE;
    }

    /** Never delivers anything (a class, not a lambda: lambdas cost start-up time). */
    final class NoSignals implements SignalSource, AutoCloseable {
        static final NoSignals INSTANCE = new NoSignals();

        private NoSignals() {
        }

        @Override
        public AutoCloseable on(Signal signal, Runnable handler) {
            return this;
        }

        @Override
        public void close() {
        }
    }
}
