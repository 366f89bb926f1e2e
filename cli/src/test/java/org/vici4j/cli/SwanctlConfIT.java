package org.vici4j.cli;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link SwanctlConfChecks} against strongSwan 5.9 (the host's charon). */
class SwanctlConfIT extends SwanctlConfChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().gateway("a", Backend.LIBIPSEC)
            .gateway("b", Backend.LIBIPSEC).gateway("c", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
