package org.vici4j.controller.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * The base of the twinned real-charon checks on the lab's gateways a and b (the controller's and the CLI's): each
 * suite's IT subclasses name the lab (strongSwan 5.9 or 6.x) through the suite's own {@code lab()}, which the suite
 * hands on as {@link #charonLab()}; every test gets the two gateways and a fresh directory for its files.
 */
public abstract class TwoGatewayChecks {

    /** A fresh directory per test (the controller's status and ownership files, YAML files). */
    @TempDir
    protected Path dir;

    /** Gateway a of {@link #charonLab()}. */
    protected Gateway a;
    /** Gateway b of {@link #charonLab()}. */
    protected Gateway b;

    /** @return the suite's lab: gateways a and b */
    protected abstract CharonLabExtension charonLab();

    @BeforeEach
    protected void gateways() {
        a = charonLab().gateway("a");
        b = charonLab().gateway("b");
    }

    /** @return whether the lab runs strongSwan 6 */
    protected boolean strongSwan6() {
        return charonLab().runsStrongSwan6();
    }

    /** Restarts charon a on {@code onA} and charon b on {@code onB}. */
    protected void restart(Backend onA, Backend onB) {
        a.restart(onA);
        b.restart(onB);
    }
}
