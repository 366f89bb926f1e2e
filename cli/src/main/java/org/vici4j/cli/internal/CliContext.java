package org.vici4j.cli.internal;

import java.time.Clock;
import java.util.Map;

import org.vici4j.cli.ClientFactory;
import org.vici4j.cli.SignalSource;

/**
 * What a run of {@code vici} gets from its environment.
 *
 * @param env environment variables
 * @param clock clock for event timestamps
 * @param clientFactory how clients are created
 * @param signals SIGHUP/SIGTERM source for long-running commands
 */
public record CliContext(Map<String, String> env, Clock clock, ClientFactory clientFactory, SignalSource signals) {

    /** @return the clock; the system clock in the default time zone unless one was given */
    @Override
    public Clock clock() {
        return clock == null ? Clock.systemDefaultZone() : clock;
    }
}
