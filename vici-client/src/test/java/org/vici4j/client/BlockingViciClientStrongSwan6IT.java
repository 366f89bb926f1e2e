package org.vici4j.client;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link BlockingViciClientChecks} against strongSwan 6.x (see scripts/install-strongswan6.sh). */
class BlockingViciClientStrongSwan6IT extends BlockingViciClientChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
