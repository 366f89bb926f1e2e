package org.vici4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs vici in-process with injected writers, environment and clock. */
final class CliRunner {

    /** The outcome of one run. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T06:30:00Z"), ZoneOffset.UTC);

    private CliRunner() {
    }

    static Result run(String uri, String... args) {
        return run(uri, SignalSource.none(), args);
    }

    static Result run(String uri, SignalSource signals, String... args) {
        return run(uri, ClientFactory.standard(), signals, args);
    }

    static Result run(String uri, ClientFactory factory, SignalSource signals, String... args) {
        return run(CLOCK, uri, factory, signals, args);
    }

    /** Runs with the system clock in the default time zone (for output compared with swanctl's, which uses them). */
    static Result runNow(String... args) {
        return run(Clock.systemDefaultZone(), null, ClientFactory.standard(), SignalSource.none(), args);
    }

    private static Result run(Clock clock, String uri, ClientFactory factory, SignalSource signals, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ViciCli.builder()
                .env(uri == null ? Map.of() : Map.of("VICI_URI", uri))
                .out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true))
                .clock(clock)
                .signals(signals)
                .clientFactory(factory)
                .buildFor(args)
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
