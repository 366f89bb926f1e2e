package org.vici4j.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * Base of the client's checks against real charon daemons of a two-gateway lab, twinned for strongSwan 5.9 and
 * 6.x: each test gets a fresh {@link ViciClient} on gateway a, closed after it.
 */
abstract class LabClientChecks {

    /** Gateway a of the lab, set before each test. */
    Gateway a;
    /** A client of gateway a's charon, opened before and closed after each test. */
    ViciClient vici;

    /** @return the lab: gateways a and b */
    abstract CharonLabExtension lab();

    /** @return whether the lab's charon is strongSwan 6 */
    boolean strongSwan6() {
        return lab().runsStrongSwan6();
    }

    @BeforeEach
    void connectToA() {
        a = lab().gateway("a");
        vici = ViciClient.connect(a.viciUri());
    }

    @AfterEach
    void closeClient() {
        vici.close();
    }
}
