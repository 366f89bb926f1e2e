package org.vici4j.controller;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/**
 * {@link ControllerFailureChecks} against strongSwan 6.x (scripts/install-strongswan6.sh), where the controller also
 * subscribes to the {@code alert} event: a failure carries the alert charon raised for it.
 */
class ControllerFailureStrongSwan6IT extends ControllerFailureChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.NETLINK).gateway("b", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
