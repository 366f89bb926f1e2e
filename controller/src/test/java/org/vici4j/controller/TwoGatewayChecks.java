package org.vici4j.controller;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * The twinned real-charon checks on the lab's gateways a and b: each suite's IT subclasses name the lab (strongSwan
 * 5.9 or 6.x); every test gets the two gateways and a fresh directory for the controller's files.
 */
abstract class TwoGatewayChecks {

    /** @return the lab: gateways a and b */
    abstract CharonLabExtension lab();

    @TempDir
    Path dir;

    Gateway a;
    Gateway b;

    @BeforeEach
    void gateways() {
        a = lab().gateway("a");
        b = lab().gateway("b");
    }

    /** Restarts charon a on {@code onA} and charon b on {@code onB}. */
    void restart(Backend onA, Backend onB) {
        a.restart(onA);
        b.restart(onB);
    }
}
