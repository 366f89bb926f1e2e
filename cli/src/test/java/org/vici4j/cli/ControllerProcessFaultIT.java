package org.vici4j.cli;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link ControllerProcessFaultChecks} against strongSwan 5.9. */
class ControllerProcessFaultIT extends ControllerProcessFaultChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).hostsPerGateway(N).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
