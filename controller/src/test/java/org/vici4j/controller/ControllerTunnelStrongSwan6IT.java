package org.vici4j.controller;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link ControllerTunnelChecks} against strongSwan 6.x (scripts/install-strongswan6.sh). */
class ControllerTunnelStrongSwan6IT extends ControllerTunnelChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
