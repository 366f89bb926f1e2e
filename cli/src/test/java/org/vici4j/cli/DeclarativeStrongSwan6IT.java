package org.vici4j.cli;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link DeclarativeChecks} against strongSwan 6.x (scripts/install-strongswan6.sh). */
class DeclarativeStrongSwan6IT extends DeclarativeChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
