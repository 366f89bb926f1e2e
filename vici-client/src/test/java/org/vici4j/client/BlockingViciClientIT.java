package org.vici4j.client;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/** {@link BlockingViciClientChecks} against strongSwan 5.9 (the host's charon). */
class BlockingViciClientIT extends BlockingViciClientChecks {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @Override
    CharonLabExtension lab() {
        return LAB;
    }
}
