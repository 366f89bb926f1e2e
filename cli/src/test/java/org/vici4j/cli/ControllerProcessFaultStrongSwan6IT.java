package org.vici4j.cli;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link ControllerProcessFaultChecks} against strongSwan 6.x. */
class ControllerProcessFaultStrongSwan6IT extends ControllerProcessFaultChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).hostsPerGateway(N).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
